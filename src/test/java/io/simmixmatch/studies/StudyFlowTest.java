package io.simmixmatch.studies;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.simmixmatch.ServiceUnderTest;
import io.simmixmatch.ServiceUnderTest.ServerSentEvent;
import io.simmixmatch.data.SyntheticImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A study end to end: the API, the embedded PostgreSQL and two CPU worker processes train
 * its runs on a synthetic data set, and its table is checked against the runs' own
 * numbers.
 */
@Timeout(600)
class StudyFlowTest {

	private static final Duration STUDY_TIMEOUT = Duration.ofMinutes(4);

	/** Student's t quantile t(0.975, 1), for the interval over two seeds. */
	private static final double T_975_ONE_DEGREE = 12.706204736;

	private static final String SPLIT = "\"batchSize\": 8, \"labelsPerClass\": 4, \"validationPerClass\": 4";

	private static ServiceUnderTest service;

	@BeforeAll
	static void startService(@TempDir Path directory) throws Exception {
		Path images = directory.resolve("synthetic");
		SyntheticImages.writeIdx(images, 40, 10);
		service = ServiceUnderTest.start("--simmixmatch.role=both", "--simmixmatch.workers.slots=cpu:2",
				"--simmixmatch.data-dir=" + directory, "--simmixmatch.workers.heartbeat-interval=1s",
				"--simmixmatch.workers.progress-interval=200ms");
		service.registerIdxDataset("synthetic", images, SyntheticImages.CLASSES);
		service.await("/actuator/health/workers", StudyFlowTest::twoIdleWorkers, Duration.ofMinutes(2));
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void aStudyOfTwoConfigurationsAndTwoSeedsAggregatesItsRunsOwnNumbers() throws Exception {
		long id = create("""
				{"name": "e2e", "datasetId": "synthetic",
				 "base": {"hyperparameters": {%s, "epochs": 2, "stepsPerEpoch": 3}},
				 "grid": {"algorithm": ["SUPERVISED", "MIXMATCH"]}, "seeds": [0, 1],
				 "baseline": {"algorithm": "SUPERVISED"}}""".formatted(SPLIT));

		List<ServerSentEvent> events = service.events("/api/v1/studies/" + id + "/events", STUDY_TIMEOUT);

		Set<String> points = new HashSet<>();
		events.stream()
			.filter((event) -> event.name().equals("epoch"))
			.forEach((event) -> points.add(event.data().get("runId").asLong() + ":" + event.data().at("/point/epoch")));
		assertThat(points).as("two epochs of four runs").hasSize(8);
		ServerSentEvent last = events.get(events.size() - 1);
		assertThat(last.name()).isEqualTo("study");
		assertThat(last.data().get("status").asString()).isEqualTo("ENDED");

		JsonNode study = service.json("/api/v1/studies/" + id);
		assertThat(study.get("metric").asString()).isEqualTo("test");
		double[][] top1 = new double[2][2];
		for (int configuration = 0; configuration < 2; configuration++) {
			JsonNode row = study.at("/configurations/" + configuration);
			for (int seed = 0; seed < 2; seed++) {
				JsonNode entry = row.at("/runs/" + seed);
				JsonNode run = service.json("/api/v1/runs/" + entry.get("id").asLong());
				assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
				assertThat(run.at("/hyperparameters/seed").asLong()).isEqualTo(seed);
				assertThat(run.get("algorithm").asString()).isEqualTo((configuration == 0) ? "SUPERVISED" : "MIXMATCH");
				top1[configuration][seed] = run.at("/test/top1").asDouble();
				assertThat(entry.get("top1").asDouble()).isEqualTo(top1[configuration][seed]);
				assertThat(entry.get("top5").asDouble()).isEqualTo(run.at("/test/top5").asDouble());
			}
			double mean = (top1[configuration][0] + top1[configuration][1]) / 2;
			double sd = Math.abs(top1[configuration][0] - top1[configuration][1]) / Math.sqrt(2);
			assertThat(row.at("/top1/n").asInt()).isEqualTo(2);
			assertThat(row.at("/top1/mean").asDouble()).isCloseTo(mean, within(1e-12));
			assertThat(row.at("/top1/sd").asDouble()).isCloseTo(sd, within(1e-12));
			assertThat(row.at("/wallSeconds").asDouble()).isPositive();
		}
		// Two seeds: differences d0, d1; mean (d0 + d1) / 2, standard error |d0 - d1| /
		// 2,
		// the interval mean -+ t(0.975, 1) x standard error, and with one degree of
		// freedom
		// the two-sided p-value of t is 1 - 2 atan(|t|) / pi.
		double d0 = top1[1][0] - top1[0][0];
		double d1 = top1[1][1] - top1[0][1];
		double mean = (d0 + d1) / 2;
		double standardError = Math.abs(d0 - d1) / 2;
		JsonNode paired = study.at("/configurations/1/againstBaseline");
		assertThat(study.at("/configurations/0/againstBaseline").isNull()).isTrue();
		assertThat(paired.get("pairs").asInt()).isEqualTo(2);
		assertThat(paired.get("difference").asDouble()).isCloseTo(mean, within(1e-12));
		assertThat(paired.get("low").asDouble()).isCloseTo(mean - T_975_ONE_DEGREE * standardError, within(1e-8));
		assertThat(paired.get("high").asDouble()).isCloseTo(mean + T_975_ONE_DEGREE * standardError, within(1e-8));
		if (standardError > 0) {
			double t = mean / standardError;
			assertThat(paired.get("pValue").asDouble()).isCloseTo(1 - 2 * Math.atan(Math.abs(t)) / Math.PI,
					within(1e-8));
		}
		else {
			assertThat(paired.get("pValue").isNull()).as("no variance to test against").isTrue();
		}
		assertThat(study.get("best").asInt()).as("ties go to the earlier configuration").isEqualTo((mean > 0) ? 1 : 0);

		List<Long> members = new ArrayList<>();
		study.get("configurations")
			.forEach((row) -> row.get("runs").forEach((run) -> members.add(run.get("id").asLong())));
		List<Long> listed = new ArrayList<>();
		service.json("/api/v1/runs?size=100").get("items").forEach((run) -> listed.add(run.get("id").asLong()));
		assertThat(listed).as("its runs are ordinary runs").containsAll(members);
		assertThat(members).hasSize(4).doesNotHaveDuplicates();
		HttpResponse<String> csv = service
			.send(HttpRequest.newBuilder(service.uri("/api/v1/studies/" + id)).header("Accept", "text/csv"));
		assertThat(csv.body().lines()).hasSize(3).first().isEqualTo(StudyCsv.HEADER);
	}

	@Test
	void aCancelledStudyStopsItsRunningAndQueuedRunsAndEnds() throws Exception {
		long id = create("""
				{"name": "long", "datasetId": "synthetic",
				 "base": {"algorithm": "SUPERVISED", "hyperparameters": {%s, "epochs": 100, "stepsPerEpoch": 20}},
				 "grid": {"learningRate": [0.001, 0.002]}, "seeds": [0, 1, 2]}""".formatted(SPLIT));
		service.await("/api/v1/studies/" + id,
				(study) -> study.at("/configurations/0/runs/0/status").asString().equals("RUNNING"), STUDY_TIMEOUT);

		assertThat(service.post("/api/v1/studies/" + id + "/cancel", "").statusCode()).isEqualTo(202);

		JsonNode study = service.await("/api/v1/studies/" + id,
				(current) -> current.get("status").asString().equals("ENDED"), STUDY_TIMEOUT);
		assertThat(study.get("cancelRequested").asBoolean()).isTrue();
		List<String> statuses = new ArrayList<>();
		study.get("configurations")
			.forEach((row) -> row.get("runs").forEach((run) -> statuses.add(run.get("status").asString())));
		assertThat(statuses).hasSize(6).containsOnly("CANCELLED");
	}

	private static boolean twoIdleWorkers(JsonNode health) {
		int idle = 0;
		for (JsonNode worker : health.at("/details/workers")) {
			idle += worker.get("state").asString().equals("IDLE") ? 1 : 0;
		}
		return idle == 2;
	}

	private static long create(String body) throws Exception {
		HttpResponse<String> created = service.post("/api/v1/studies", body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		return JsonMapper.shared().readTree(created.body()).get("id").asLong();
	}

}
