package io.simmixmatch.workers;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;

import io.simmixmatch.ServiceUnderTest;
import io.simmixmatch.data.SyntheticImages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away under a running job and comes back: meanwhile requests fail fast
 * with 503 and readiness is DOWN; the worker trains on, keeping its progress, epochs and
 * checkpoints until the database answers again, and the run ends in its first attempt
 * with every epoch recorded once.
 */
@Timeout(600)
class DatabaseOutageTest {

	private static final int EPOCHS = 8;

	@Test
	void aRunSurvivesADatabaseRestartWithAContiguousCurve(@TempDir Path directory) throws Exception {
		Path images = directory.resolve("synthetic");
		SyntheticImages.writeIdx(images, 40, 10);
		Path data = directory.resolve("postgres");
		int port = freePort();
		EmbeddedPostgres postgres = start(data, port);
		try (ServiceUnderTest service = ServiceUnderTest.start("--simmixmatch.role=both",
				"--simmixmatch.workers.slots=cpu", "--simmixmatch.data-dir=" + directory,
				"--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
				"--spring.datasource.username=postgres", "--simmixmatch.workers.heartbeat-interval=1s",
				// Writes wait up to 20 s - 2 s for the database.
				"--simmixmatch.workers.missed-heartbeats=20", "--simmixmatch.workers.progress-interval=200ms",
				"--simmixmatch.workers.retry-delay=1s")) {
			service.registerIdxDataset("synthetic", images, SyntheticImages.CLASSES);
			long id = launch(service);
			service.await("/api/v1/runs/" + id, (run) -> run.at("/progress/epoch").asInt() >= 2, Duration.ofMinutes(3));
			postgres.close();
			long asked = System.nanoTime();
			HttpResponse<String> during = service.get("/api/v1/runs/" + id);
			assertThat(during.statusCode()).isEqualTo(503);
			assertThat(during.headers().firstValue("Retry-After")).isPresent();
			assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("fails fast").isLessThan(Duration.ofSeconds(10));
			assertThat(service.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
			Thread.sleep(1_000);
			postgres = start(data, port);
			JsonNode run = service.awaitRunEnd(id, Duration.ofMinutes(4));
			assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
			assertThat(run.at("/execution/attempts").asInt()).as("trained on through the outage").isEqualTo(1);
			assertThat(run.at("/execution/resumedFromStep").isNull()).isTrue();
			assertThat(run.get("error").isNull()).isTrue();
			assertThat(service.epochs(id)).containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
		}
		finally {
			postgres.close();
		}
	}

	private static long launch(ServiceUnderTest service) throws Exception {
		String body = """
				{"algorithm": "SUPERVISED", "datasetId": "synthetic", "hyperparameters": {"batchSize": 8,
				 "labelsPerClass": 4, "validationPerClass": 4, "epochs": %d, "stepsPerEpoch": 40}}""".formatted(EPOCHS);
		return JsonMapper.shared().readTree(service.post("/api/v1/runs", body).body()).get("id").asLong();
	}

	private static EmbeddedPostgres start(Path data, int port) throws Exception {
		return EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setRegisterShutdownHook(false)
			.start();
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
