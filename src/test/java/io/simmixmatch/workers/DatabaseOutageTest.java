package io.simmixmatch.workers;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
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
 * with every epoch recorded once. API keys looked up before keep working; a new one
 * cannot be checked, which is a 503, not a 401.
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
			// Not a wait for a condition: the outage lasts a second more.
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

	@Test
	void aKeyLookedUpBeforeKeepsWorkingAndANewKeyCannotBeCheckedUntilTheDatabaseIsBack(@TempDir Path directory)
			throws Exception {
		String admin = "an-admin-key-for-the-outage-test-0123456789";
		Path data = directory.resolve("postgres");
		int port = freePort();
		EmbeddedPostgres postgres = start(data, port);
		try (ServiceUnderTest service = ServiceUnderTest.start("--simmixmatch.data-dir=" + directory,
				"--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
				"--spring.datasource.username=postgres", "--simmixmatch.security.mode=api-keys",
				"--simmixmatch.security.admin-key=" + admin)) {
			String known = issueKey(service, admin, "known");
			String unseen = issueKey(service, admin, "unseen");
			assertThat(serverMetadata(service, known).statusCode()).isEqualTo(200);
			postgres.close();

			assertThat(serverMetadata(service, known).statusCode()).as("a key looked up before").isEqualTo(200);
			HttpResponse<String> refused = serverMetadata(service, unseen);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");

			postgres = start(data, port);
			service.await("/actuator/health/readiness", (health) -> health.get("status").asString().equals("UP"),
					Duration.ofMinutes(1));
			assertThat(serverMetadata(service, unseen).statusCode()).isEqualTo(200);
		}
		finally {
			postgres.close();
		}
	}

	private static String issueKey(ServiceUnderTest service, String admin, String name) throws Exception {
		HttpResponse<String> created = service.send(HttpRequest.newBuilder(service.uri("/api/v1/keys"))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"name\": \"" + name + "\", \"role\": \"READER\"}")));
		return JsonMapper.shared().readTree(created.body()).get("key").asString();
	}

	// GET /v2 needs no database, only a caller.
	private static HttpResponse<String> serverMetadata(ServiceUnderTest service, String key) throws Exception {
		return service.send(HttpRequest.newBuilder(service.uri("/v2")).header("Authorization", "Bearer " + key));
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
			// A restart on two busy cores can take longer than the default 10 s.
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
