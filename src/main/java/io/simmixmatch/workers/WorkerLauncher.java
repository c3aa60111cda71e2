package io.simmixmatch.workers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.simmixmatch.SimMixMatchApplication;
import io.simmixmatch.storage.StorageProperties;
import io.simmixmatch.training.NativeAllocator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Starts a worker process: this application, on the same Java runtime and class path, in
 * the WORKER role on one device, without a web server, connected to the same database,
 * with this instance's worker settings.
 */
class WorkerLauncher {

	private final JdbcConnectionDetails database;

	private final WorkerProperties properties;

	private final Path dataDirectory;

	private final List<String> profiles;

	private final StorageProperties storage;

	WorkerLauncher(JdbcConnectionDetails database, WorkerProperties properties, Path dataDirectory,
			List<String> profiles, StorageProperties storage) {
		this.database = database;
		this.properties = properties;
		this.dataDirectory = dataDirectory;
		this.profiles = profiles;
		this.storage = storage;
	}

	Process launch(String device, int cpuThreads) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command(device, cpuThreads)).inheritIO();
		adapt(builder.environment(), device, cpuThreads);
		return builder.start();
	}

	/**
	 * Turns this process's environment into a worker's.
	 * @param environment a copy of this process's environment, changed in place
	 * @param device the worker's devices
	 * @param cpuThreads its intra-op threads on the CPU
	 */
	void adapt(Map<String, String> environment, String device, int cpuThreads) {
		// A worker serves no HTTP: it needs no API keys or token settings of the API.
		environment.keySet().removeIf((name) -> name.startsWith("SIMMIXMATCH_SECURITY_"));
		environment.put("SPRING_DATASOURCE_URL", this.database.getJdbcUrl());
		putIfPresent(environment, "SPRING_DATASOURCE_USERNAME", this.database.getUsername());
		putIfPresent(environment, "SPRING_DATASOURCE_PASSWORD", this.database.getPassword());
		// Workers read and write the same stored files as this process, however it was
		// configured (environment, so that no secret shows in the process list).
		environment.putAll(this.storage.environment());
		if (device.equals("cpu")) {
			environment.put("OMP_NUM_THREADS", Integer.toString(cpuThreads));
		}
		NativeAllocator.configure(environment, this.properties.jvmOptions());
	}

	List<String> command(String device, int cpuThreads) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.add("-XX:+ExitOnOutOfMemoryError");
		command.addAll(this.properties.jvmOptions());
		if (device.equals("cpu")) {
			command.add("-Dai.djl.pytorch.num_threads=" + cpuThreads);
			command.add("-Dai.djl.pytorch.num_interop_threads=1");
		}
		command.addAll(mainClass());
		command.add("--simmixmatch.role=worker");
		command.add("--simmixmatch.workers.parent-pid=" + ProcessHandle.current().pid());
		command.add("--simmixmatch.workers.device=" + device);
		command.add("--simmixmatch.data-dir=" + this.dataDirectory.toAbsolutePath());
		command.add("--spring.main.web-application-type=none");
		if (!this.profiles.isEmpty()) {
			command.add("--spring.profiles.active=" + String.join(",", this.profiles));
		}
		WorkerProperties settings = this.properties;
		command.add("--simmixmatch.workers.heartbeat-interval=" + settings.heartbeatInterval().toMillis() + "ms");
		command.add("--simmixmatch.workers.missed-heartbeats=" + settings.missedHeartbeats());
		command.add("--simmixmatch.workers.poll-interval=" + settings.pollInterval().toMillis() + "ms");
		command.add("--simmixmatch.workers.progress-interval=" + settings.progressInterval().toMillis() + "ms");
		command.add("--simmixmatch.workers.max-attempts=" + settings.maxAttempts());
		command.add("--simmixmatch.workers.retry-delay=" + settings.retryDelay().toMillis() + "ms");
		command.add("--simmixmatch.workers.shutdown-timeout=" + settings.shutdownTimeout().toMillis() + "ms");
		return command;
	}

	private static boolean isSpringBootJar(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void putIfPresent(Map<String, String> environment, String name, @Nullable String value) {
		if (value != null) {
			environment.put(name, value);
		}
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	// Started the way this process was: the application's executable jar (java -jar),
	// Spring Boot's launcher in an extracted image, or else (an IDE, Maven, a test
	// runner's own jar) the class path and the application's main class.
	private static List<String> mainClass() {
		String command = System.getProperty("sun.java.command", "");
		String main = command.isBlank() ? "" : command.strip().split("\\s+")[0];
		if (main.endsWith(".jar") && isSpringBootJar(Path.of(main))) {
			return List.of("-jar", main);
		}
		String classPath = System.getProperty("java.class.path");
		if (main.startsWith("org.springframework.boot.loader.")) {
			return List.of("-cp", classPath, main);
		}
		return List.of("-cp", classPath, SimMixMatchApplication.class.getName());
	}

}
