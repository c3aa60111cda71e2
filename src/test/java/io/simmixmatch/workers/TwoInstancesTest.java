package io.simmixmatch.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.simmixmatch.ServiceUnderTest;
import io.simmixmatch.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several service instances share one database, as API replicas and worker pods do: every
 * queued run is trained exactly once, whichever instance queued it.
 */
@Timeout(600)
class TwoInstancesTest {

	private static final int RUNS = 8;

	private static final int EPOCHS = 2;

	@Test
	void twoInstancesOnOneDatabaseTrainEveryQueuedRunOnce(@TempDir Path directory) throws Exception {
		Path images = directory.resolve("synthetic");
		SyntheticImages.writeIdx(images, 40, 10);
		try (ServiceUnderTest database = ServiceUnderTest.start("--simmixmatch.role=api",
				"--simmixmatch.data-dir=" + directory.resolve("api"))) {
			database.registerIdxDataset("synthetic", images, SyntheticImages.CLASSES);
			JdbcConnectionDetails connection = database.bean(JdbcConnectionDetails.class);
			try (ServiceUnderTest first = instance(connection, directory.resolve("first"));
					ServiceUnderTest second = instance(connection, directory.resolve("second"))) {
				List<Long> runs = new ArrayList<>();
				for (int i = 0; i < RUNS; i++) {
					runs.add(launch((i % 2 == 0) ? first : second));
				}
				for (long id : runs) {
					JsonNode run = database.awaitRunEnd(id, Duration.ofMinutes(5));
					assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
					assertThat(run.at("/execution/attempts").asInt()).as("starts of run " + id).isEqualTo(1);
					assertThat(database.epochs(id))
						.containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
				}
				assertThat(database.jdbc().queryForObject("select count(*) from scheduled_tasks", Long.class))
					.as("queue entries left")
					.isZero();
			}
		}
	}

	private static ServiceUnderTest instance(JdbcConnectionDetails database, Path directory) {
		return ServiceUnderTest.start("--simmixmatch.role=both", "--simmixmatch.workers.slots=cpu",
				"--spring.datasource.url=" + database.getJdbcUrl(),
				"--spring.datasource.username=" + database.getUsername(),
				"--spring.datasource.password=" + database.getPassword(), "--simmixmatch.data-dir=" + directory);
	}

	private static long launch(ServiceUnderTest instance) throws Exception {
		String body = """
				{"algorithm": "SUPERVISED", "datasetId": "synthetic", "hyperparameters": {"batchSize": 8,
				 "labelsPerClass": 4, "validationPerClass": 4, "epochs": %d, "stepsPerEpoch": 10}}""".formatted(EPOCHS);
		return JsonMapper.shared().readTree(instance.post("/api/v1/runs", body).body()).get("id").asLong();
	}

}
