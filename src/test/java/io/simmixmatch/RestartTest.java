package io.simmixmatch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** A run created over HTTP is still there after the service restarts. */
class RestartTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aRunOutlivesARestartOfTheService(@TempDir Path dataDir) throws Exception {
		String location;
		try (ConfigurableApplicationContext service = start(dataDir)) {
			HttpResponse<String> created = send(HttpRequest.newBuilder(uri(service, "/api/v1/runs"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"survivor\", \"algorithm\": \"MIXMATCH\"}")));
			assertThat(created.statusCode()).isEqualTo(202);
			location = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
		}
		try (ConfigurableApplicationContext service = start(dataDir)) {
			HttpResponse<String> found = send(HttpRequest.newBuilder(uri(service, location)).GET());
			assertThat(found.statusCode()).isEqualTo(200);
			assertThat(found.body()).contains("\"name\":\"survivor\"").contains("\"status\":\"QUEUED\"");
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir) {
		return new SpringApplicationBuilder(SimMixMatchApplication.class).run("--server.port=0",
				"--simmixmatch.data-dir=" + dataDir,
				"--simmixmatch.database.embedded.data-directory=" + dataDir.resolve("postgres"));
	}

	private static URI uri(ConfigurableApplicationContext service, String path) {
		int port = ((WebServerApplicationContext) service).getWebServer().getPort();
		return URI.create("http://localhost:" + port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
