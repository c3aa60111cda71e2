package io.simmixmatch.inference;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import ai.djl.Device;
import io.simmixmatch.ServiceUnderTest;
import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.Classifier;
import io.simmixmatch.training.TrainedCheckpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The prediction API against models trained in the test: the registry, the top-5
 * contract, preprocessing, the Open Inference Protocol, hot swaps and bad input.
 */
class PredictionApiTest {

	private static final JsonMapper json = JsonMapper.shared();

	private static ServiceUnderTest service;

	private static long runA;

	private static long runB;

	private static long runWithoutCheckpoint;

	private static Classifier modelA;

	private static Classifier modelB;

	@BeforeAll
	static void trainAndServe(@TempDir Path directory) throws Exception {
		Path a = TrainedCheckpoints.supervised(directory.resolve("a"), 3);
		Path b = TrainedCheckpoints.supervised(directory.resolve("b"), 1);
		modelA = Classifier.load(a, Device.cpu());
		modelB = Classifier.load(b, Device.cpu());
		service = ServiceUnderTest.start("--simmixmatch.role=api", "--simmixmatch.data-dir=" + directory,
				"--simmixmatch.inference.max-request-size=1MB", "--simmixmatch.inference.max-pixels=1000000",
				"--simmixmatch.inference.max-request-pixels=2000000", "--simmixmatch.inference.decode-memory=32MB");
		runA = createRun();
		runB = createRun();
		runWithoutCheckpoint = createRun();
		RunLedger ledger = service.bean(RunLedger.class);
		ledger.storeCheckpoint(runA, TrainedCheckpoints.written(CheckpointKind.BEST, a));
		ledger.storeCheckpoint(runB, TrainedCheckpoints.written(CheckpointKind.BEST, b));
		assertThat(promote("production", runA).statusCode()).isEqualTo(200);
	}

	@AfterAll
	static void stop() {
		service.close();
		modelA.close();
		modelB.close();
	}

	@Test
	void promotionsAddVersionsToAnAlias() throws Exception {
		HttpResponse<String> first = promote("staging", runB);
		HttpResponse<String> second = promote("staging", runA);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(json.readTree(first.body()).get("version").asInt()).isEqualTo(1);
		assertThat(json.readTree(second.body()).get("version").asInt()).isEqualTo(2);
		JsonNode history = service.json("/api/v1/models/staging");
		assertThat(history.findValuesAsString("version")).containsExactly("2", "1");
		assertThat(history.get(0).get("runId").asLong()).isEqualTo(runA);
		assertThat(history.get(1).get("runId").asLong()).isEqualTo(runB);
		List<String> aliases = new ArrayList<>();
		service.json("/api/v1/models").forEach((version) -> aliases.add(version.get("alias").asString()));
		assertThat(aliases).contains("production", "staging");
	}

	@Test
	void answersTheTop5OfEveryImageAsTheModelDoesInProcess() throws Exception {
		List<byte[]> raw = List.of(TrainedCheckpoints.image(0), TrainedCheckpoints.image(7),
				TrainedCheckpoints.image(13));
		List<byte[]> files = raw.stream().map((pixels) -> Images.encode(Images.gray(pixels), "png")).toList();
		JsonNode answer = ok(multipart("/api/v1/predict", files, "image/png"));
		assertThat(answer.at("/model/name").asString()).isEqualTo("production");
		assertThat(answer.at("/model/runId").asLong()).isEqualTo(runA);
		assertThat(answer.at("/timing/totalMs").asDouble()).isPositive();
		for (int i = 0; i < raw.size(); i++) {
			float[] expected = modelA.probabilities(scaled(raw.get(i)), 1)[0];
			JsonNode top5 = answer.get("predictions").get(i).get("top5");
			assertThat(top5).hasSize(5);
			double previous = 1;
			for (JsonNode entry : top5) {
				int index = entry.get("index").asInt();
				double probability = entry.get("probability").asDouble();
				assertThat(probability).isLessThanOrEqualTo(previous).isCloseTo(expected[index], within(1e-5));
				assertThat(entry.get("label").asString()).isEqualTo(modelA.metadata().classNames().get(index));
				previous = probability;
			}
			assertThat(top5.get(0).get("index").asInt()).isEqualTo(argmax(expected));
		}
	}

	@Test
	void classifiesImagesOfAnySizeAndColorModeAsTheTrainingImagesWere() throws Exception {
		byte[] pixels = TrainedCheckpoints.image(3);
		int expected = argmax(modelA.probabilities(scaled(pixels), 1)[0]);
		BufferedImage gray = Images.gray(pixels);
		List<byte[]> sameContent = List.of(Images.encode(gray, "png"),
				Images.encode(Images.converted(gray, BufferedImage.TYPE_INT_RGB, 28, 28), "png"),
				Images.encode(Images.converted(gray, BufferedImage.TYPE_INT_ARGB, 28, 28), "png"),
				Images.encode(Images.converted(gray, BufferedImage.TYPE_INT_RGB, 56, 56), "png"),
				Images.encode(Images.converted(gray, BufferedImage.TYPE_3BYTE_BGR, 28, 28), "bmp"),
				Images.encode(Images.converted(gray, BufferedImage.TYPE_INT_RGB, 28, 28), "gif"));
		JsonNode answer = ok(multipart("/api/v1/predict", sameContent, "application/octet-stream"));
		answer.get("predictions")
			.forEach((prediction) -> assertThat(prediction.at("/top5/0/index").asInt()).isEqualTo(expected));
		List<byte[]> other = List.of(Images.encode(Images.converted(gray, BufferedImage.TYPE_INT_RGB, 37, 23), "jpg"),
				Images.encode(Images.converted(gray, BufferedImage.TYPE_BYTE_GRAY, 301, 7), "png"));
		assertThat(ok(multipart("/api/v1/predict", other, "image/jpeg")).get("predictions")).hasSize(2);
	}

	@Test
	void takesRawBytesAndBase64Json() throws Exception {
		byte[] png = Images.encode(Images.gray(TrainedCheckpoints.image(5)), "png");
		JsonNode raw = ok(service.send(HttpRequest.newBuilder(service.uri("/api/v1/predict"))
			.header("Content-Type", "image/png")
			.POST(HttpRequest.BodyPublishers.ofByteArray(png))));
		JsonNode base64 = ok(service.post("/api/v1/predict?model=production",
				"{\"images\": [\"" + Base64.getEncoder().encodeToString(png) + "\"]}"));
		assertThat(raw.at("/predictions/0/top5")).isEqualTo(base64.at("/predictions/0/top5"));
	}

	@Test
	void servesTheBestCheckpointOfARunByName() throws Exception {
		byte[] png = Images.encode(Images.gray(TrainedCheckpoints.image(1)), "png");
		JsonNode answer = ok(multipart("/api/v1/predict?model=run:" + runB, List.of(png), "image/png"));
		assertThat(answer.at("/model/name").asString()).isEqualTo("run:" + runB);
		assertThat(answer.at("/model/version").isNull()).isTrue();
		float[] expected = modelB.probabilities(scaled(TrainedCheckpoints.image(1)), 1)[0];
		assertThat(answer.at("/predictions/0/top5/0/probability").asDouble()).isCloseTo(expected[argmax(expected)],
				within(1e-5));
		assertThat(
				multipart("/api/v1/predict?model=run:" + runWithoutCheckpoint, List.of(png), "image/png").statusCode())
			.isEqualTo(404);
		assertThat(multipart("/api/v1/predict?model=nobody", List.of(png), "image/png").statusCode()).isEqualTo(404);
		assertThat(multipart("/api/v1/predict?model=Prod!", List.of(png), "image/png").statusCode()).isEqualTo(400);
	}

	@Test
	void speaksTheOpenInferenceProtocol() throws Exception {
		assertThat(service.json("/v2").get("name").asString()).isEqualTo("simmixmatch");
		assertThat(service.get("/v2/health/ready").statusCode()).isEqualTo(200);
		assertThat(service.get("/v2/models/production/ready").statusCode()).isEqualTo(200);
		assertThat(service.get("/v2/models/nobody/ready").statusCode()).isEqualTo(404);
		JsonNode metadata = service.json("/v2/models/production");
		assertThat(metadata.at("/inputs/0/shape").toString()).isEqualTo("[-1,1,28,28]");
		assertThat(metadata.at("/outputs/0/shape").toString()).isEqualTo("[-1,10]");
		byte[] first = TrainedCheckpoints.image(2);
		byte[] second = TrainedCheckpoints.image(9);
		float[] flat = new float[2 * 784];
		System.arraycopy(scaled(first), 0, flat, 0, 784);
		System.arraycopy(scaled(second), 0, flat, 784, 784);
		String body = json.writeValueAsString(Map.of("id", "r1", "inputs",
				List.of(Map.of("name", "input", "shape", List.of(2, 1, 28, 28), "datatype", "FP32", "data", flat))));
		JsonNode answer = ok(service.post("/v2/models/production/infer", body));
		assertThat(answer.get("model_name").asString()).isEqualTo("production");
		assertThat(answer.get("id").asString()).isEqualTo("r1");
		assertThat(answer.at("/outputs/0/shape").toString()).isEqualTo("[2,10]");
		float[] expected = modelA.probabilities(flat, 2)[1];
		assertThat(answer.at("/outputs/0/data/" + (10 + 4)).asDouble()).isCloseTo(expected[4], within(1e-5));
		int[] bytes = IntStream.range(0, 784).map((i) -> Byte.toUnsignedInt(first[i])).toArray();
		String uint8 = json.writeValueAsString(Map.of("inputs",
				List.of(Map.of("name", "input", "shape", List.of(1, 1, 28, 28), "datatype", "UINT8", "data", bytes))));
		JsonNode fromBytes = ok(service.post("/v2/models/production/infer", uint8));
		assertThat(fromBytes.at("/outputs/0/data/0").asDouble()).isCloseTo(answer.at("/outputs/0/data/0").asDouble(),
				within(1e-5));
		String wrongShape = body.replace("[2,1,28,28]", "[2,3,28,28]");
		assertThat(service.post("/v2/models/production/infer", wrongShape).body()).contains("inputs[0].shape");
		assertThat(service.post("/v2/models/production/infer", body.replace("FP32", "FP64")).statusCode())
			.isEqualTo(400);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			empty      | 400 | image 0 is empty
			corrupt    | 400 | image 0 cannot be decoded
			text       | 415 | image 0 is not a PNG, JPEG, GIF or BMP image
			bomb       | 413 | 100000 x 100000 pixels
			""")
	void refusesBadImagesWithAProblemDetail(String kind, int status, String detail) throws Exception {
		byte[] png = Images.encode(Images.gray(TrainedCheckpoints.image(0)), "png");
		byte[] file = switch (kind) {
			case "empty" -> new byte[0];
			case "corrupt" -> Arrays.copyOf(png, 60);
			case "text" -> "just some text".getBytes(StandardCharsets.UTF_8);
			default -> Images.pngClaiming(100_000, 100_000);
		};
		HttpResponse<String> response = multipart("/api/v1/predict", List.of(file), "image/png");
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.readTree(response.body()).get("detail").asString()).contains(detail);
	}

	@Test
	void refusesRequestsBeyondTheLimits() throws Exception {
		byte[] png = Images.encode(Images.gray(TrainedCheckpoints.image(0)), "png");
		assertThat(ok(multipart("/api/v1/predict", Collections.nCopies(64, png), "image/png")).get("predictions"))
			.hasSize(64);
		HttpResponse<String> tooMany = multipart("/api/v1/predict", Collections.nCopies(65, png), "image/png");
		assertThat(tooMany.statusCode()).isEqualTo(413);
		assertThat(json.readTree(tooMany.body()).get("detail").asString()).contains("at most 64 are taken");
		HttpResponse<String> tooManyParts = multipart("/api/v1/predict", Collections.nCopies(129, png), "image/png");
		assertThat(tooManyParts.statusCode()).isEqualTo(413);
		assertThat(json.readTree(tooManyParts.body()).get("detail").asString()).contains("128");
		assertThat(service.post("/api/v1/predict", "{\"images\": []}").statusCode()).isEqualTo(400);
		assertThat(service.post("/api/v1/predict", "{\"images\": [\"%%%\"]}").body()).contains("images[0]");
		HttpResponse<String> huge = service.send(HttpRequest.newBuilder(service.uri("/api/v1/predict"))
			.header("Content-Type", "image/png")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 << 20])));
		assertThat(huge.statusCode()).isEqualTo(413);
		HttpResponse<String> unsized = service.send(HttpRequest.newBuilder(service.uri("/api/v1/predict"))
			.header("Content-Type", "image/png")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(png))));
		assertThat(unsized.statusCode()).isEqualTo(411);
		HttpResponse<String> text = service.send(HttpRequest.newBuilder(service.uri("/api/v1/predict"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("a picture of a shoe")));
		assertThat(text.statusCode()).isEqualTo(415);
	}

	@Test
	void heavyValidImagesFromManyClientsAreDecodedWithinTheBudgetOrTurnedAwayWith503() throws Exception {
		// 1,000 x 1,000 at 16 bits per RGBA channel: 2 of them are the request budget,
		// and
		// one such request at a time fits the decoding memory
		List<byte[]> heavy = Collections.nCopies(2, Images.png16BitRgba(1000, 1000));
		ExecutorService clients = Executors.newFixedThreadPool(24);
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 48; i++) {
			responses.add(clients.submit(() -> multipart("/api/v1/predict", heavy, "image/png")));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<HttpResponse<String>> response : responses) {
			HttpResponse<String> answer = response.get();
			statuses.add(answer.statusCode());
			if (answer.statusCode() == 503) {
				assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(answer.body()).contains("Too many images are being decoded");
			}
		}
		clients.shutdown();
		assertThat(statuses).containsOnly(200, 503).contains(200, 503);

		HttpResponse<String> overBudget = multipart("/api/v1/predict",
				Collections.nCopies(3, Images.png16BitRgba(1000, 1000)), "image/png");
		assertThat(overBudget.statusCode()).isEqualTo(413);
		assertThat(json.readTree(overBudget.body()).get("detail").asString())
			.contains("3000000 pixels; at most 2000000 are decoded per request");
	}

	@Test
	void badPromotionsAreRefusedAndWriteNothing() throws Exception {
		long before = versions();
		assertThat(service.send(put("/api/v1/models/production", "{}")).statusCode()).isEqualTo(400);
		assertThat(service.send(put("/api/v1/models/production", "{\"runId\": \"one\"}")).statusCode()).isEqualTo(400);
		assertThat(service.send(put("/api/v1/models/Bad_Alias", "{\"runId\": " + runA + "}")).statusCode())
			.isEqualTo(400);
		assertThat(service.send(put("/api/v1/models/run:1", "{\"runId\": " + runA + "}")).statusCode()).isEqualTo(400);
		assertThat(promote("production", runWithoutCheckpoint).statusCode()).isEqualTo(409);
		assertThat(promote("production", 999_999).statusCode()).isEqualTo(409);
		assertThat(versions()).isEqualTo(before);
		assertThat(service.get("/api/v1/models/nobody").statusCode()).isEqualTo(404);
	}

	@Test
	void aPromotionSwapsTheModelUnderLoadWithoutAFailedOrMixedAnswer() throws Exception {
		promote("swap", runA);
		byte[] pixels = TrainedCheckpoints.image(11);
		byte[] png = Images.encode(Images.gray(pixels), "png");
		Map<Long, Double> expected = Map.of(runA, (double) top(modelA, pixels), runB, (double) top(modelB, pixels));
		Map<Long, Integer> answeredBy = new ConcurrentHashMap<>();
		AtomicBoolean swapping = new AtomicBoolean(true);
		ExecutorService clients = Executors.newFixedThreadPool(6);
		List<Future<List<String>>> failures = new ArrayList<>();
		for (int c = 0; c < 6; c++) {
			failures.add(clients.submit(() -> {
				List<String> wrong = new ArrayList<>();
				while (swapping.get()) {
					HttpResponse<String> response = multipart("/api/v1/predict?model=swap", List.of(png, png),
							"image/png");
					if (response.statusCode() != 200) {
						wrong.add(response.statusCode() + " " + response.body());
						continue;
					}
					JsonNode answer = json.readTree(response.body());
					long run = answer.at("/model/runId").asLong();
					answeredBy.merge(run, 1, Integer::sum);
					for (JsonNode prediction : answer.get("predictions")) {
						double top = prediction.at("/top5/0/probability").asDouble();
						if (Math.abs(top - expected.get(run)) > 1e-5) {
							wrong.add("run " + run + " answered " + top + ", expected " + expected.get(run));
						}
					}
				}
				return wrong;
			}));
		}
		for (int swap = 0; swap < 10; swap++) {
			long promoted = (swap % 2 == 0) ? runB : runA;
			int answered = answeredBy.getOrDefault(promoted, 0);
			assertThat(promote("swap", promoted).statusCode()).isEqualTo(200);
			// Under load, each promotion takes effect: the promoted run answers.
			await().atMost(Duration.ofSeconds(30)).until(() -> answeredBy.getOrDefault(promoted, 0) > answered);
		}
		swapping.set(false);
		for (Future<List<String>> client : failures) {
			assertThat(client.get()).isEmpty();
		}
		clients.shutdown();
	}

	@Test
	void aRunsCheckpointDownloadsAsTheFileItWas() throws Exception {
		JsonNode best = null;
		for (JsonNode checkpoint : service.json("/api/v1/runs/" + runA + "/checkpoints")) {
			if (checkpoint.get("kind").asString().equals("BEST")) {
				best = checkpoint;
			}
		}
		assertThat(best).isNotNull();
		String path = "/api/v1/runs/" + runA + "/checkpoints/" + best.get("id").asLong() + "/file";
		HttpResponse<byte[]> file = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(service.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body())))
			.isEqualTo(best.get("sha256").asString());
		String ofAnotherRun = "/api/v1/runs/" + runB + "/checkpoints/" + best.get("id").asLong() + "/file";
		assertThat(service.get(ofAnotherRun).statusCode()).isEqualTo(404);
	}

	@Test
	void aCheckpointCorruptedInTheDatabaseIsNeverServed(@TempDir Path directory) throws Exception {
		long run = createRun();
		service.bean(RunLedger.class)
			.storeCheckpoint(run,
					TrainedCheckpoints.written(CheckpointKind.BEST, TrainedCheckpoints.supervised(directory, 1)));
		service.jdbc().update("""
				update blob_chunk set data = overlay(data placing '\\xdeadbeef'::bytea from 100)
				where blob_key = (select blob_key from checkpoint where run_id = ? and kind = 'BEST')""", run);
		byte[] png = Images.encode(Images.gray(TrainedCheckpoints.image(0)), "png");
		HttpResponse<String> answer = multipart("/api/v1/predict?model=run:" + run, List.of(png), "image/png");
		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).isPresent();
		assertThat(service.json("/actuator/health/models").at("/details/loaded").findValuesAsString("runId"))
			.doesNotContain(Long.toString(run));
		assertThat(
				service
					.get("/api/v1/runs/" + run + "/checkpoints/"
							+ service.jdbc()
								.queryForObject("select id from checkpoint where run_id = ?", Long.class, run)
							+ "/file")
					.statusCode())
			.isGreaterThanOrEqualTo(500);
	}

	@Test
	void healthShowsTheLoadedModels() throws Exception {
		ok(multipart("/api/v1/predict", List.of(Images.encode(Images.gray(TrainedCheckpoints.image(0)), "png")),
				"image/png"));
		JsonNode health = service.json("/actuator/health/models");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.at("/details/loaded").findValuesAsString("sha256")).isNotEmpty();
	}

	@Test
	void exportsWhatANameServesAndEachCheckpointOfARunAsOnnx() throws Exception {
		long checkpointOfA = service.json("/api/v1/runs/" + runA + "/checkpoints").get(0).get("id").asLong();
		HttpResponse<String> production = service.get("/api/v1/models/production/model.onnx");
		assertThat(production.statusCode()).isEqualTo(200);
		assertThat(production.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"production-v1.onnx\"");
		String checksum = production.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> checkpoint = service
			.get("/api/v1/runs/" + runA + "/checkpoints/" + checkpointOfA + "/model.onnx");
		assertThat(checkpoint.statusCode()).isEqualTo(200);
		assertThat(checkpoint.headers().firstValue("ETag")).as("the same network, but other provenance")
			.isPresent()
			.isNotEqualTo(Optional.of(checksum));

		for (String missing : List.of("/api/v1/models/nothing-here/model.onnx",
				"/api/v1/runs/" + runA + "/checkpoints/999999/model.onnx",
				"/api/v1/runs/" + runB + "/checkpoints/" + checkpointOfA + "/model.onnx",
				"/api/v1/models/run:" + runWithoutCheckpoint + "/model.onnx", "/api/v1/models/nothing-here/model-card",
				"/api/v1/runs/" + runB + "/checkpoints/" + checkpointOfA + "/model-card")) {
			HttpResponse<String> response = service.get(missing);
			assertThat(response.statusCode()).as(missing).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(service.get("/api/v1/models/Not%20A%20Name/model.onnx").statusCode()).isEqualTo(400);
	}

	private static long createRun() throws Exception {
		HttpResponse<String> created = service.post("/api/v1/runs", "{\"algorithm\": \"SUPERVISED\"}");
		return json.readTree(created.body()).get("id").asLong();
	}

	private static HttpResponse<String> promote(String alias, long runId) throws Exception {
		return service.send(put("/api/v1/models/" + alias, "{\"runId\": " + runId + "}"));
	}

	private static HttpRequest.Builder put(String path, String body) {
		return HttpRequest.newBuilder(service.uri(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body));
	}

	private static long versions() {
		return service.jdbc().queryForObject("select count(*) from model_version", Long.class);
	}

	static HttpResponse<String> multipart(String path, List<byte[]> files, String contentType) throws Exception {
		String boundary = "simmixmatch-test-boundary";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < files.size(); i++) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"image" + i
					+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			body.write(files.get(i));
			body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return service.send(HttpRequest.newBuilder(service.uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	static float[] scaled(byte[] pixels) {
		float[] values = new float[pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			values[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
		}
		return values;
	}

	private static float top(Classifier model, byte[] pixels) {
		float[] probabilities = model.probabilities(scaled(pixels), 1)[0];
		return probabilities[argmax(probabilities)];
	}

	private static int argmax(float[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] > values[best]) {
				best = i;
			}
		}
		return best;
	}

}
