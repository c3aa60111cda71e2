package io.simmixmatch.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded server, first stopping a server that a killed predecessor left
 * running on the same data directory (a JVM killed with SIGKILL cannot stop it).
 */
final class EmbeddedPostgresServer {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final String PID_FILE = "postmaster.pid";

	private EmbeddedPostgresServer() {
	}

	static EmbeddedPostgres start(EmbeddedPostgresProperties properties, EmbeddedPostgresPassword password)
			throws IOException {
		// The application context stops the server, after the beans that still need it
		// (worker processes checkpointing their runs): not a JVM shutdown hook of its
		// own.
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setRegisterShutdownHook(false)
			.setPGStartupWait(properties.startupTimeout())
			.setServerConfig("listen_addresses", "localhost")
			// The library's initdb trusts every local connection; a later --auth wins.
			.setLocaleConfig("auth", "scram-sha-256")
			.setConnectConfig("password", password.value())
			.setDataDirectoryCustomizer((directory) -> password.keepIn(directory.toPath()));
		if (properties.port() != 0) {
			builder.setPort(properties.port());
		}
		Path dataDirectory = properties.dataDirectory();
		if (dataDirectory != null) {
			Files.createDirectories(dataDirectory);
			stopOrphanedServer(dataDirectory);
			// The library tunes for throw-away test databases (no fsync, asynchronous
			// commit); data that must survive a power cut needs both back.
			builder.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on");
		}
		EmbeddedPostgres postgres;
		try (EmbeddedPostgresPassword.InitdbFile passwordFile = password.forInitdb()) {
			builder.setLocaleConfig("pwfile", passwordFile.path().toString());
			postgres = builder.start();
		}
		password.requireOf(postgres);
		log.info("Embedded PostgreSQL listening on localhost:{} with data in {}", postgres.getPort(),
				(dataDirectory != null) ? dataDirectory.toAbsolutePath() : "a temporary directory");
		return postgres;
	}

	private static void stopOrphanedServer(Path dataDirectory) throws IOException {
		Optional<ProcessHandle> orphan = readPostmasterPid(dataDirectory).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter(EmbeddedPostgresServer::isPostgres);
		if (orphan.isEmpty()) {
			return;
		}
		ProcessHandle server = orphan.get();
		log.warn("Stopping PostgreSQL server {} left running on {} by a previous process", server.pid(), dataDirectory);
		server.destroy();
		try {
			server.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IOException("Could not stop PostgreSQL server " + server.pid() + " on " + dataDirectory, ex);
		}
	}

	// The pid in a stale file may since belong to an unrelated process.
	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false);
	}

	private static Optional<Long> readPostmasterPid(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve(PID_FILE);
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		return Files.readAllLines(pidFile).stream().findFirst().map(String::strip).flatMap((line) -> {
			try {
				return Optional.of(Long.parseLong(line));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		});
	}

}
