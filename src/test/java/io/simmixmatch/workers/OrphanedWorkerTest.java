package io.simmixmatch.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.simmixmatch.ServiceUnderTest;
import io.simmixmatch.SimMixMatchApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker whose launching process dies (SIGKILL leaves no chance to stop it) stops too.
 */
@Timeout(300)
class OrphanedWorkerTest {

	@Test
	void aWorkerStopsWhenTheProcessThatLaunchedItIsGone(@TempDir Path directory) throws Exception {
		try (ServiceUnderTest service = ServiceUnderTest.start("--simmixmatch.role=api",
				"--simmixmatch.data-dir=" + directory)) {
			Process parent = new ProcessBuilder("sleep", "300").start();
			ProcessBuilder launch = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElseThrow(),
					"-cp", System.getProperty("java.class.path"), SimMixMatchApplication.class.getName(),
					"--simmixmatch.role=worker", "--simmixmatch.workers.device=cpu",
					"--simmixmatch.workers.parent-pid=" + parent.pid(), "--spring.main.web-application-type=none",
					"--spring.profiles.active=test", "--simmixmatch.data-dir=" + directory))
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("worker.log").toFile());
			JdbcConnectionDetails database = service.bean(JdbcConnectionDetails.class);
			launch.environment().put("SPRING_DATASOURCE_URL", database.getJdbcUrl());
			launch.environment().put("SPRING_DATASOURCE_USERNAME", database.getUsername());
			launch.environment().put("SPRING_DATASOURCE_PASSWORD", database.getPassword());
			Process worker = launch.start();
			try {
				awaitWorkers(service, 1);
				parent.destroyForcibly();
				assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("the orphan stopped").isTrue();
				awaitWorkers(service, 0);
			}
			finally {
				worker.destroyForcibly();
				parent.destroyForcibly();
			}
		}
	}

	private static void awaitWorkers(ServiceUnderTest service, long count) {
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(service.jdbc().queryForObject("select count(*) from worker", Long.class))
				.as("workers")
				.isEqualTo(count));
	}

}
