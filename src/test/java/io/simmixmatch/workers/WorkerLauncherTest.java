package io.simmixmatch.workers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.simmixmatch.storage.StorageProperties;
import io.simmixmatch.training.NativeAllocator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** What a launched worker process inherits, and what it does not. */
class WorkerLauncherTest {

	@Test
	void aWorkerGetsTheDatabaseAndTheStorageButNoneOfTheApisSecrets() {
		WorkerLauncher launcher = new WorkerLauncher(new Database(), properties(), Path.of("data"), List.of(),
				new StorageProperties("s3", new StorageProperties.S3("bucket", "p/", "eu-west-1",
						URI.create("http://127.0.0.1:9000"), true, "key", "secret")));
		Map<String, String> environment = new HashMap<>(Map.of("SIMMIXMATCH_SECURITY_ADMIN_KEY", "admin-key-0123",
				"SIMMIXMATCH_SECURITY_MODE", "api-keys", "PATH", "/usr/bin", "SPRING_DATASOURCE_URL", "stale"));

		launcher.adapt(environment, "cpu", 2);

		assertThat(environment).doesNotContainKeys("SIMMIXMATCH_SECURITY_ADMIN_KEY", "SIMMIXMATCH_SECURITY_MODE")
			.containsEntry("PATH", "/usr/bin")
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/simmixmatch")
			.containsEntry("SPRING_DATASOURCE_PASSWORD", "database-secret")
			.containsEntry("SIMMIXMATCH_STORAGE_TYPE", "s3")
			.containsEntry("SIMMIXMATCH_STORAGE_S3_BUCKET", "bucket")
			.containsEntry("SIMMIXMATCH_STORAGE_S3_ENDPOINT", "http://127.0.0.1:9000")
			.containsEntry("SIMMIXMATCH_STORAGE_S3_PATHSTYLE", "true")
			.containsEntry("SIMMIXMATCH_STORAGE_S3_SECRETACCESSKEY", "secret")
			.containsEntry("OMP_NUM_THREADS", "2")
			.containsEntry("GLIBC_TUNABLES", NativeAllocator.TUNABLES);
	}

	private static WorkerProperties properties() {
		return new WorkerProperties("cpu", "cpu", null, Duration.ofSeconds(5), 6, Duration.ofSeconds(10),
				Duration.ofSeconds(2), 3, Duration.ofSeconds(30), Duration.ofMinutes(2), List.of(), null, null);
	}

	private static final class Database implements JdbcConnectionDetails {

		@Override
		public String getUsername() {
			return "postgres";
		}

		@Override
		public String getPassword() {
			return "database-secret";
		}

		@Override
		public String getJdbcUrl() {
			return "jdbc:postgresql://127.0.0.1:5432/simmixmatch";
		}

	}

}
