package io.simmixmatch.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import io.simmixmatch.ServiceUnderTest;
import io.simmixmatch.data.Archives;
import io.simmixmatch.data.ImagePixels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * "Upload your images, train, predict with your class names" as one flow, through the API
 * of the service as one machine runs it (real PostgreSQL, a worker process), on an
 * archive shaped like the original NAVER Fashion data: 150 RGB classes, two labeled
 * images and one validation image each, 2% labeled, mixed sizes and formats, inside one
 * top-level folder, as a tar.gz.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadedDatasetFlowTest {

	private static final JsonMapper json = JsonMapper.shared();

	private static final int CLASSES = 150;

	ServiceUnderTest service;

	private Path directory;

	@BeforeAll
	void startService(@TempDir Path temporary) throws Exception {
		this.directory = temporary;
		List<String> arguments = new ArrayList<>(List.of("--simmixmatch.role=both", "--simmixmatch.workers.slots=cpu:1",
				"--simmixmatch.data-dir=" + temporary, "--simmixmatch.workers.heartbeat-interval=1s",
				"--simmixmatch.workers.progress-interval=200ms", "--simmixmatch.datasets.max-upload-size=20MB"));
		arguments.addAll(storageArguments(temporary));
		this.service = ServiceUnderTest.start(arguments.toArray(String[]::new));
		this.service.await("/actuator/health/workers",
				(health) -> health.at("/details/workers/0/state").asString().equals("IDLE"), Duration.ofMinutes(2));
	}

	@AfterAll
	void stopService() {
		this.service.close();
	}

	/**
	 * Where the service stores its files.
	 * @param directory a directory for the test
	 * @return the service's arguments for it: none for PostgreSQL, the default
	 * @throws Exception if a store cannot be started
	 */
	List<String> storageArguments(Path directory) throws Exception {
		return List.of();
	}

	/**
	 * Checks where the data set's images and the run's checkpoints were stored.
	 * @param runId the run
	 */
	void assertStored(long runId) {
		assertThat(this.service.jdbc()
			.queryForObject("select count(*) from blob where key = 'datasets/shop.smm'", Long.class)).isOne();
	}

	@Test
	void uploadTrainAndPredictWithTheDataSetsClassNames() throws Exception {
		Path archive = Archives.shopLike(CLASSES, 97, 7).tarGz(this.directory.resolve("shop.tar.gz"));

		HttpResponse<String> upload = upload(Files.readAllBytes(archive), Map.of("name", "Shop", "imageSize", "16"));

		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
		assertThat(upload.headers().firstValue("Location")).hasValue("/api/v1/datasets/shop");
		JsonNode dataset = this.service.await("/api/v1/datasets/shop",
				(body) -> !body.get("status").asString().equals("IMPORTING"), Duration.ofMinutes(3));
		assertThat(dataset.get("status").asString()).as(dataset.toString()).isEqualTo("READY");
		assertThat(dataset.get("classNames")).hasSize(CLASSES);
		assertThat(dataset.at("/counts/labeled").asInt()).isEqualTo(2 * CLASSES);
		assertThat(dataset.at("/counts/validation").asInt()).isEqualTo(CLASSES);
		assertThat(dataset.at("/counts/unlabeled").asInt()).isEqualTo(97 * CLASSES);
		assertThat(dataset.get("channels").asInt()).isEqualTo(3);
		assertThat(dataset.get("height").asInt()).isEqualTo(16);

		// Neither algorithm nor preset: the data set's RGB images choose them. Ten
		// seconds
		// of training, however many of its 30,000 steps they take.
		JsonNode queued = json.readTree(this.service.post("/api/v1/runs", """
				{"datasetId": "shop", "hyperparameters": {"epochs": 10000, "stepsPerEpoch": 3, "unlabeledRatio": 1,
				 "maxMinutes": 0.17}}""").body());
		assertThat(queued.get("preset").asString()).isEqualTo("photo-32");
		assertThat(queued.get("algorithm").asString()).isEqualTo("FIXMATCH");
		assertThat(queued.get("hyperparameters").has("epochs")).isTrue();
		assertThat(queued.get("hyperparameters").has("labelsPerClass")).as("the archive's layout splits it").isFalse();
		assertThat(queued.get("hyperparameters").has("validationPerClass")).isFalse();
		long runId = queued.get("id").asLong();
		JsonNode run = this.service.awaitRunEnd(runId, Duration.ofMinutes(5));
		assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
		assertThat(run.at("/progress/step").asLong()).as("the steps ten seconds allowed").isLessThan(30_000);
		assertThat(run.at("/progress/percent").asDouble()).isEqualTo(100);
		assertStored(runId);
		// Without a test split, the best checkpoint's classes are measured on validation.
		JsonNode classes = run.get("classes");
		assertThat(classes.get("split").asString()).isEqualTo("validation");
		assertThat(classes.get("classes")).hasSize(CLASSES);
		assertThat(classes.at("/classes/7/name").asString()).isEqualTo("item-007");
		assertThat(classes.at("/classes/7/images").asInt()).isOne();
		assertThat(classes.get("confusion")).hasSize(CLASSES);
		long measured = 0;
		for (JsonNode row : classes.get("confusion")) {
			assertThat(row).hasSize(CLASSES);
			for (JsonNode count : row) {
				measured += count.asLong();
			}
		}
		assertThat(measured).as("every validation image once").isEqualTo(CLASSES);
		assertThat(classes.get("balancedAccuracy").asDouble()).isBetween(0.0, 1.0);

		HttpResponse<String> promoted = this.service
			.send(HttpRequest.newBuilder(this.service.uri("/api/v1/models/shop"))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"runId\": " + runId + "}")));
		assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
		byte[] jpeg = Archives.encode(Archives.rgb(50, 30, Archives.classColour(7)), "jpg");
		HttpResponse<String> prediction = this.service
			.send(HttpRequest.newBuilder(this.service.uri("/api/v1/predict?model=shop"))
				.header("Content-Type", "image/jpeg")
				.POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)));

		assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
		JsonNode top5 = json.readTree(prediction.body()).at("/predictions/0/top5");
		assertThat(top5).hasSize(5);
		List<String> labels = new ArrayList<>();
		top5.forEach((entry) -> labels.add(entry.get("label").asString()));
		assertThat(labels).allMatch((label) -> label.matches("item-\\d{3}"));

		assertTheExportedModelAnswersAsThePredictionApi("shop", 200);
		assertTheModelCardDescribesTheRun("shop", runId);
	}

	private void assertTheModelCardDescribesTheRun(String model, long runId) throws Exception {
		String onnxChecksum = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256")
				.digest(this.service.download("/api/v1/models/" + model + "/model.onnx")));
		JsonNode card = this.service.json("/api/v1/models/" + model + "/model-card");
		assertThat(card.at("/model/runId").asLong()).isEqualTo(runId);
		assertThat(card.at("/model/version").asInt()).isOne();
		assertThat(card.at("/data/dataset").asString()).isEqualTo("shop");
		assertThat(card.at("/data/split").asString()).isEqualTo("by the archive's folders");
		assertThat(card.at("/data/images/labeled").asInt()).isEqualTo(2 * CLASSES);
		assertThat(card.at("/data/images/unlabeled").asInt()).isEqualTo(97 * CLASSES);
		assertThat(card.at("/data/classNames")).hasSize(CLASSES);
		assertThat(card.at("/training/algorithm").asString()).isEqualTo("FIXMATCH");
		assertThat(card.at("/training/preset").asString()).isEqualTo("photo-32");
		assertThat(card.at("/training/hyperparameters/maxMinutes").asDouble()).isEqualTo(0.17);
		assertThat(card.at("/training/trainedMinutes").isNumber()).isTrue();
		assertThat(card.at("/training/trainedMinutes").asDouble()).isBetween(0.0, 0.5);
		assertThat(card.at("/training/devices").asString()).isEqualTo("cpu");
		assertThat(card.at("/results/validationTop1").isNumber()).isTrue();
		assertThat(card.at("/results/validationTop1").asDouble()).isBetween(0.0, 1.0);
		assertThat(card.at("/results/classes/split").asString()).as("the promoted checkpoint is the best")
			.isEqualTo("validation");
		assertThat(card.at("/results/classes/classes")).hasSize(CLASSES);
		assertThat(card.at("/onnx/sha256").asString()).as("the file it describes").isEqualTo(onnxChecksum);
		assertThat(card.at("/preprocessing/height").asInt()).isEqualTo(16);
		assertThat(card.at("/preprocessing/channelMeans")).hasSize(3);

		HttpResponse<String> markdown = this.service
			.send(HttpRequest.newBuilder(this.service.uri("/api/v1/models/" + model + "/model-card"))
				.header("Accept", "text/markdown"));
		assertThat(markdown.statusCode()).isEqualTo(200);
		assertThat(markdown.body()).startsWith("# Model card: " + model)
			.contains("| item-007 | 1 |", "Resize it bilinearly to 16 x 16 pixels.", onnxChecksum);
	}

	// The model outside the service: ONNX Runtime, given the exported model and the
	// pixels the service decodes, ranks the same five classes first as /api/v1/predict.
	private void assertTheExportedModelAnswersAsThePredictionApi(String model, int images) throws Exception {
		byte[] onnx = this.service.download("/api/v1/models/" + model + "/model.onnx");
		Random random = new Random(5);
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions())) {
			for (int i = 0; i < images; i++) {
				BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
				for (int pixel = 0; pixel < 256; pixel++) {
					image.setRGB(pixel % 16, pixel / 16, random.nextInt(1 << 24));
				}
				HttpResponse<String> prediction = this.service
					.send(HttpRequest.newBuilder(this.service.uri("/api/v1/predict?model=" + model))
						.header("Content-Type", "image/png")
						.POST(HttpRequest.BodyPublishers.ofByteArray(Archives.encode(image, "png"))));
				JsonNode top5 = json.readTree(prediction.body()).at("/predictions/0/top5");
				float[] probabilities = probabilities(environment, session, ImagePixels.of(image, 3, 16, 16));
				Integer[] ranked = IntStream.range(0, probabilities.length)
					.boxed()
					.sorted((a, b) -> Float.compare(probabilities[b], probabilities[a]))
					.toArray(Integer[]::new);
				for (int rank = 0; rank < 5; rank++) {
					JsonNode entry = top5.get(rank);
					assertThat(entry.get("index").asInt()).as("image %d, rank %d", i, rank).isEqualTo(ranked[rank]);
					assertThat(entry.get("probability").asDouble()).isCloseTo(probabilities[ranked[rank]],
							within(1e-5));
				}
			}
		}
	}

	private static float[] probabilities(OrtEnvironment environment, OrtSession session, byte[] pixels)
			throws OrtException {
		float[] values = new float[pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			values[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
		}
		try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values),
				new long[] { 1, 3, 16, 16 }); OrtSession.Result result = session.run(Map.of("images", input))) {
			return ((float[][]) result.get("probabilities").orElseThrow().getValue())[0];
		}
	}

	@Test
	void anUploadOverTheLimitOrWithoutALengthIsRefusedBeforeItIsRead() throws Exception {
		HttpResponse<String> tooLarge = upload(new byte[21 << 20], Map.of("name", "big"));
		HttpResponse<String> chunked = this.service.send(HttpRequest.newBuilder(this.service.uri("/api/v1/datasets"))
			.header("Content-Type", "multipart/form-data; boundary=x")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[10]))));

		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(chunked.statusCode()).isEqualTo(411);
		assertThat(this.service.get("/api/v1/datasets/big").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> upload(byte[] archive, Map<String, String> fields) throws Exception {
		String boundary = "simmixmatch-upload-boundary";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, String> field : fields.entrySet()) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
					+ field.getValue() + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.write(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"shop.tar.gz\"\r\n"
						+ "Content-Type: application/gzip\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
		body.write(archive);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return this.service.send(HttpRequest.newBuilder(this.service.uri("/api/v1/datasets"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

}
