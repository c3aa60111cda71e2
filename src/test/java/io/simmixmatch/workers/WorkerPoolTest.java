package io.simmixmatch.workers;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.simmixmatch.ServiceUnderTest;
import io.simmixmatch.ServiceUnderTest.ServerSentEvent;
import io.simmixmatch.data.SyntheticImages;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as one machine runs it: the API, the embedded PostgreSQL and two CPU worker
 * processes that it launches and supervises, training on a synthetic data set. Workers
 * count as dead only after 30 s of silence, so that a run whose worker was killed is seen
 * to be retried through its supervisor, long before that.
 */
@Timeout(600)
class WorkerPoolTest {

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

	/**
	 * Under the 30 s after which a silent worker counts as dead: the supervisor saw the
	 * kill.
	 */
	private static final Duration RETRIED_AFTER_A_KILL = Duration.ofSeconds(25);

	private static ServiceUnderTest service;

	@BeforeAll
	static void startService(@TempDir Path directory) throws Exception {
		Path images = directory.resolve("synthetic");
		SyntheticImages.writeIdx(images, 40, 10);
		service = ServiceUnderTest.start("--simmixmatch.role=both", "--simmixmatch.workers.slots=cpu:2",
				"--simmixmatch.data-dir=" + directory, "--simmixmatch.workers.heartbeat-interval=1s",
				"--simmixmatch.workers.missed-heartbeats=30", "--simmixmatch.workers.progress-interval=200ms",
				"--simmixmatch.workers.max-attempts=3", "--simmixmatch.workers.retry-delay=1s");
		service.registerIdxDataset("synthetic", images, SyntheticImages.CLASSES);
		service.registerIdxDataset("vanished", directory.resolve("nowhere"), SyntheticImages.CLASSES);
		service.await("/actuator/health/workers", (health) -> idleWorkers(health) == 2, Duration.ofMinutes(2));
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void streamsTheEpochsOfARunUntilItSucceeds() throws Exception {
		long id = launch("SIMMIXMATCH", "\"epochs\": 3, \"stepsPerEpoch\": 4, \"k\": 2, \"unlabeledRatio\": 2",
				"synthetic", 2);
		List<ServerSentEvent> events = service.events("/api/v1/runs/" + id + "/events", RUN_TIMEOUT);
		List<Integer> epochs = events.stream()
			.filter((event) -> event.name().equals("epoch"))
			.map((event) -> event.data().get("epoch").asInt())
			.distinct()
			.toList();
		assertThat(epochs).containsExactly(1, 2, 3);
		ServerSentEvent last = events.get(events.size() - 1);
		assertThat(last.name()).isEqualTo("run");
		assertThat(last.data().get("status").asString()).isEqualTo("SUCCEEDED");
		JsonNode run = service.json("/api/v1/runs/" + id);
		assertThat(run.at("/progress/step").asLong()).isEqualTo(12);
		assertThat(run.at("/execution/requestedDevices").asInt()).as("asked for").isEqualTo(2);
		assertThat(run.at("/execution/devices").asString()).as("what a CPU worker has").isEqualTo("cpu");
		assertThat(run.at("/best/top1").isNumber()).isTrue();
		// The data set brings a test split: the best checkpoint's accuracy on it
		assertThat(run.at("/test/top1").asDouble()).isBetween(0.0, 1.0);
		assertThat(run.at("/test/top5").asDouble()).isBetween(run.at("/test/top1").asDouble(), 1.0);
		assertThat(run.at("/execution/attempts").asInt()).isEqualTo(1);
		assertThat(service.epochs(id)).containsExactly(1, 2, 3);
		assertThat(checkpointKinds(id)).contains("BEST", "LAST");
	}

	@Test
	void trainsTwoRunsAtOnceOnTwoWorkerProcesses() throws Exception {
		long first = launch("SUPERVISED", "\"epochs\": 4, \"stepsPerEpoch\": 40");
		long second = launch("SUPERVISED", "\"epochs\": 4, \"stepsPerEpoch\": 40");
		Set<String> workers = new HashSet<>();
		await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			JsonNode a = service.json("/api/v1/runs/" + first);
			JsonNode b = service.json("/api/v1/runs/" + second);
			if (status(a).equals("RUNNING") && status(b).equals("RUNNING")) {
				workers.add(a.at("/execution/worker").asString());
				workers.add(b.at("/execution/worker").asString());
			}
			assertThat(workers).as("workers training both runs at the same moment").hasSize(2);
		});
		assertThat(status(awaitEnd(first))).isEqualTo("SUCCEEDED");
		assertThat(status(awaitEnd(second))).isEqualTo("SUCCEEDED");
	}

	@Test
	void aCancelledRunStopsAndKeepsItsBestCheckpoint() throws Exception {
		long id = launch("SUPERVISED", "\"epochs\": 100, \"stepsPerEpoch\": 20");
		service.await("/api/v1/runs/" + id, (run) -> run.at("/progress/epoch").asInt() >= 1, RUN_TIMEOUT);
		assertThat(service.post("/api/v1/runs/" + id + "/cancel", "").statusCode()).isEqualTo(202);
		JsonNode run = awaitEnd(id);
		assertThat(status(run)).isEqualTo("CANCELLED");
		assertThat(run.get("test").isNull()).as("no test numbers for a run that did not complete").isTrue();
		assertThat(run.at("/progress/step").asLong()).isLessThan(2000);
		assertThat(checkpointKinds(id)).contains("BEST", "LAST");
	}

	@Test
	void aRunThatKeepsFailingEndsFailedWithItsError() throws Exception {
		long id = launch("SUPERVISED", "\"epochs\": 1", "vanished");
		JsonNode run = awaitEnd(id);
		assertThat(status(run)).isEqualTo("FAILED");
		assertThat(run.get("error").asString()).contains("No train-images-idx3-ubyte");
		assertThat(run.at("/execution/attempts").asInt()).isEqualTo(3);
	}

	@Test
	void aKilledWorkerIsReplacedAndItsRunResumesFromItsLastCheckpoint() throws Exception {
		JsonNode run = stopTheWorkerOfARunAfterEpoch2(ProcessHandle::destroyForcibly);
		assertThat(run.get("error").asString()).contains("was killed by SIGKILL (exit status 137)");
	}

	@Test
	void aRunWhoseWorkerIsKilledTwiceFailsWithoutAThirdAttempt() throws Exception {
		long id = launch("SUPERVISED", "\"epochs\": 200, \"stepsPerEpoch\": 15");
		for (int attempt = 1; attempt <= 2; attempt++) {
			int started = attempt;
			service.await("/api/v1/runs/" + id,
					(run) -> status(run).equals("RUNNING") && run.at("/execution/attempts").asInt() == started,
					RUN_TIMEOUT);
			// One worker trains the run and the other is up to notice its death; a pool
			// without a live worker notices only once one has started again.
			service.await("/actuator/health/workers",
					(health) -> workersTraining(health, id) == 1 && idleWorkers(health) == 1, Duration.ofMinutes(1));
			assertThat(ProcessHandle.of(workerPid(id)).orElseThrow().destroyForcibly()).isTrue();
		}
		JsonNode run = service.awaitRunEnd(id, RETRIED_AFTER_A_KILL);
		assertThat(status(run)).isEqualTo("FAILED");
		assertThat(run.get("error").asString()).contains("was killed by SIGKILL")
			.contains("killed 2 times, so not retried");
		assertThat(run.at("/execution/attempts").asInt()).isEqualTo(2);
		service.await("/actuator/health/workers", (health) -> idleWorkers(health) == 2, Duration.ofMinutes(1));
	}

	@Test
	void aWorkerStoppedWithSigtermHandsItsRunBackAndItResumes() throws Exception {
		JsonNode run = stopTheWorkerOfARunAfterEpoch2(ProcessHandle::destroy);
		assertThat(run.get("error").isNull()).as("a hand-back is no failure").isTrue();
	}

	// The run resumes from a checkpoint of epoch 2 or later and ends with every epoch
	// recorded once; the supervisor replaces the stopped worker.
	private static JsonNode stopTheWorkerOfARunAfterEpoch2(Predicate<ProcessHandle> stop) throws Exception {
		long id = launch("SUPERVISED", "\"epochs\": 8, \"stepsPerEpoch\": 15");
		awaitLastCheckpointOfEpoch(id, 2);
		assertThat(stop.test(ProcessHandle.of(workerPid(id)).orElseThrow())).isTrue();
		service.await("/api/v1/runs/" + id, (retried) -> retried.at("/execution/attempts").asInt() == 2,
				RETRIED_AFTER_A_KILL);
		JsonNode run = awaitEnd(id);
		assertThat(status(run)).isEqualTo("SUCCEEDED");
		assertThat(run.at("/execution/attempts").asInt()).isEqualTo(2);
		assertThat(run.at("/execution/resumedFromStep").asLong()).isGreaterThanOrEqualTo(30);
		assertThat(service.epochs(id)).containsExactlyElementsOf(IntStream.rangeClosed(1, 8).boxed().toList());
		service.await("/actuator/health/workers", (health) -> idleWorkers(health) == 2, Duration.ofMinutes(1));
		return run;
	}

	static long launch(String algorithm, String hyperparameters) throws Exception {
		return launch(algorithm, hyperparameters, "synthetic");
	}

	static long launch(String algorithm, String hyperparameters, String dataset) throws Exception {
		return launch(algorithm, hyperparameters, dataset, 1);
	}

	static long launch(String algorithm, String hyperparameters, String dataset, int devices) throws Exception {
		String body = """
				{"algorithm": "%s", "datasetId": "%s", "devices": %d, "hyperparameters": {"batchSize": 8,
				 "labelsPerClass": 4, "validationPerClass": 4, %s}}""".formatted(algorithm, dataset, devices,
				hyperparameters);
		HttpResponse<String> created = service.post("/api/v1/runs", body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		return JsonMapper.shared().readTree(created.body()).get("id").asLong();
	}

	private static void awaitLastCheckpointOfEpoch(long id, int epoch) throws Exception {
		service.await("/api/v1/runs/" + id + "/checkpoints", (checkpoints) -> {
			for (JsonNode checkpoint : checkpoints) {
				if (checkpoint.get("kind").asString().equals("LAST") && checkpoint.get("epoch").asInt() >= epoch) {
					return true;
				}
			}
			return false;
		}, RUN_TIMEOUT);
	}

	private static JsonNode awaitEnd(long id) throws Exception {
		return service.awaitRunEnd(id, RUN_TIMEOUT);
	}

	private static String status(JsonNode run) {
		return run.get("status").asString();
	}

	// The worker's row names its run from its next heartbeat on.
	private static long workerPid(long runId) {
		return Awaitility.await("a worker training run " + runId)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> service.jdbc()
				.queryForList("select pid from worker where run_id = ? and state = 'TRAINING'", Long.class, runId),
					(pids) -> !pids.isEmpty())
			.get(0);
	}

	private static long idleWorkers(JsonNode health) {
		return workers(health).filter((worker) -> worker.get("state").asString().equals("IDLE")).count();
	}

	private static long workersTraining(JsonNode health, long runId) {
		return workers(health).filter(
				(worker) -> worker.get("state").asString().equals("TRAINING") && worker.path("run").asLong() == runId)
			.count();
	}

	private static Stream<JsonNode> workers(JsonNode health) {
		return StreamSupport.stream(health.at("/details/workers").spliterator(), false);
	}

	private static List<String> checkpointKinds(long id) throws Exception {
		List<String> kinds = new ArrayList<>();
		service.json("/api/v1/runs/" + id + "/checkpoints")
			.forEach((checkpoint) -> kinds.add(checkpoint.get("kind").asString()));
		return kinds;
	}

}
