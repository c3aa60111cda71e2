package io.simmixmatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.simmixmatch.runs.RunStatus;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The whole service on a random port, and an HTTP client for it. */
public final class ServiceUnderTest implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.shared();

	private final ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	private ServiceUnderTest(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the service.
	 * @param args command-line arguments, {@code --name=value}
	 * @return the running service
	 */
	public static ServiceUnderTest start(String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0"));
		all.addAll(List.of(args));
		return new ServiceUnderTest(
				new SpringApplicationBuilder(SimMixMatchApplication.class).run(all.toArray(String[]::new)));
	}

	public URI uri(String path) {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return URI.create("http://localhost:" + port + path);
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Downloads a resource.
	 * @param path its path
	 * @return its bytes
	 * @throws IOException if the request fails or does not answer 200
	 * @throws InterruptedException if interrupted
	 */
	public byte[] download(String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException(path + " answered " + response.statusCode());
		}
		return response.body();
	}

	public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Reads a JSON resource.
	 * @param path its path
	 * @return its body
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted
	 */
	public JsonNode json(String path) throws IOException, InterruptedException {
		return json.readTree(get(path).body());
	}

	/**
	 * Polls a JSON resource until it satisfies a condition.
	 * @param path its path
	 * @param condition what to wait for
	 * @param timeout how long at most
	 * @return the first body that satisfied it
	 * @throws Exception if it never does, or a request fails
	 */
	public JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) throws Exception {
		return Awaitility.await("GET " + path)
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> json(path), condition);
	}

	/**
	 * Registers a data set of IDX files, as an operator would in the database.
	 * @param id its id
	 * @param directory where its four files are
	 * @param classNames its class names
	 */
	public void registerIdxDataset(String id, Path directory, List<String> classNames) {
		jdbc().update("""
				insert into dataset (id, name, format, location, class_names, image_channels, image_height,
				                     image_width, train_size, test_size)
				values (?, ?, 'IDX', ?, ?::jsonb, 1, 28, 28, 400, 100)""", id, id, directory.toString(),
				json.writeValueAsString(classNames));
	}

	/**
	 * Polls a run until it has ended.
	 * @param runId the run
	 * @param timeout how long at most
	 * @return the ended run
	 * @throws Exception if it does not end in time, or a request fails
	 */
	public JsonNode awaitRunEnd(long runId, Duration timeout) throws Exception {
		return await("/api/v1/runs/" + runId, (run) -> RunStatus.valueOf(run.get("status").asString()).isTerminal(),
				timeout);
	}

	/**
	 * The epochs a run's curve holds, in order.
	 * @param runId the run
	 * @return its recorded epochs
	 * @throws Exception if the request fails
	 */
	public List<Integer> epochs(long runId) throws Exception {
		List<Integer> epochs = new ArrayList<>();
		json("/api/v1/runs/" + runId + "/metrics").forEach((metric) -> epochs.add(metric.get("epoch").asInt()));
		return epochs;
	}

	/**
	 * Reads an event stream to its end: the service closes a run's or a study's stream
	 * after it has ended.
	 * @param path the stream's path
	 * @param timeout how long at most
	 * @return its events, in order
	 * @throws Exception if the request fails or times out
	 */
	public List<ServerSentEvent> events(String path, Duration timeout) throws Exception {
		HttpResponse<InputStream> response = this.http.send(
				HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").timeout(timeout).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
		}
		List<ServerSentEvent> events = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String name = null;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					events.add(new ServerSentEvent(name, json.readTree(line.substring(5))));
				}
			}
		}
		return events;
	}

	public JdbcTemplate jdbc() {
		return this.context.getBean(JdbcTemplate.class);
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * One server-sent event.
	 *
	 * @param name its {@code event:} name
	 * @param data its {@code data:}, as JSON
	 */
	public record ServerSentEvent(String name, JsonNode data) {
	}

}
