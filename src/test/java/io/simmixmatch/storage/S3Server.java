package io.simmixmatch.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.services.s3.S3Client;

import static org.awaitility.Awaitility.await;

/**
 * A real S3 server for tests: s3proxy with its filesystem backend, in a process of its
 * own (its Jetty 11 would clash with the service's Tomcat on one class path).
 */
public final class S3Server implements AutoCloseable {

	public static final String ACCESS_KEY = "test-access-key";

	public static final String SECRET_KEY = "test-secret-key";

	private final Process process;

	private final URI endpoint;

	private S3Server(Process process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	/**
	 * Starts s3proxy on a free port, storing objects under a directory.
	 * @param directory where objects and the server's log go
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	public static S3Server start(Path directory) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path objects = Files.createDirectories(directory.resolve("objects"));
		Path properties = Files.writeString(directory.resolve("s3proxy.conf"), """
				s3proxy.endpoint=http://127.0.0.1:%d
				s3proxy.authorization=aws-v2-or-v4
				s3proxy.identity=%s
				s3proxy.credential=%s
				jclouds.provider=filesystem
				jclouds.filesystem.basedir=%s
				""".formatted(port, ACCESS_KEY, SECRET_KEY, objects));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(
				List.of(java, "-jar", System.getProperty("s3proxy.jar"), "--properties", properties.toString()))
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("s3proxy.log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> listening(port) || !process.isAlive());
		if (!process.isAlive()) {
			throw new IOException("s3proxy stopped: " + Files.readString(directory.resolve("s3proxy.log")));
		}
		return new S3Server(process, URI.create("http://127.0.0.1:" + port));
	}

	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * The settings of a bucket on this server.
	 * @param bucket its name
	 * @param prefix the keys' prefix
	 * @return the settings
	 */
	public StorageProperties.S3 bucket(String bucket, String prefix) {
		return new StorageProperties.S3(bucket, prefix, "us-east-1", this.endpoint, true, ACCESS_KEY, SECRET_KEY);
	}

	/**
	 * Creates a bucket.
	 * @param bucket its name
	 * @return a client for it
	 */
	public S3Client createBucket(String bucket) {
		S3Client client = StorageConfiguration.s3Client(bucket(bucket, ""));
		client.createBucket((create) -> create.bucket(bucket));
		return client;
	}

	/**
	 * The service's arguments that store its files in a bucket of this server.
	 * @param bucket the bucket
	 * @return {@code --simmixmatch.storage.*} arguments
	 */
	public List<String> serviceArguments(String bucket) {
		return List.of("--simmixmatch.storage.type=s3", "--simmixmatch.storage.s3.bucket=" + bucket,
				"--simmixmatch.storage.s3.endpoint=" + this.endpoint, "--simmixmatch.storage.s3.path-style=true",
				"--simmixmatch.storage.s3.access-key-id=" + ACCESS_KEY,
				"--simmixmatch.storage.s3.secret-access-key=" + SECRET_KEY);
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
