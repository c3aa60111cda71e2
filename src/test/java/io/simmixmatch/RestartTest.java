package io.simmixmatch;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A run created over HTTP is still there after the service restarts. */
class RestartTest {

	@Test
	void aRunOutlivesARestartOfTheService(@TempDir Path dataDir) throws Exception {
		String location;
		try (ServiceUnderTest service = start(dataDir)) {
			HttpResponse<String> created = service.post("/api/v1/runs",
					"{\"name\": \"survivor\", \"algorithm\": \"MIXMATCH\"}");
			assertThat(created.statusCode()).isEqualTo(202);
			location = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
		}
		try (ServiceUnderTest service = start(dataDir)) {
			HttpResponse<String> found = service.get(location);
			assertThat(found.statusCode()).isEqualTo(200);
			assertThat(found.body()).contains("\"name\":\"survivor\"").contains("\"status\":\"QUEUED\"");
		}
	}

	private static ServiceUnderTest start(Path dataDir) {
		return ServiceUnderTest.start("--simmixmatch.data-dir=" + dataDir,
				"--simmixmatch.database.embedded.data-directory=" + dataDir.resolve("postgres"));
	}

}
