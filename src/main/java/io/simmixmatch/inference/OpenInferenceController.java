package io.simmixmatch.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol (KServe v2) over REST for the same models: a model is named
 * by an alias or {@code run:{id}}; its input {@code input} is a batch of images
 * {@code [N, C, H, W]}, FP32 in [0, 1] or UINT8, normalized here as in training; its
 * output {@code probabilities} is {@code [N, classes]}.
 */
@RestController
@Tag(name = "open-inference", description = "KServe v2 / Open Inference Protocol")
@RequestMapping("/v2")
class OpenInferenceController {

	private static final String INPUT = "input";

	private static final String OUTPUT = "probabilities";

	private final PredictionService predictions;

	private final String version;

	OpenInferenceController(PredictionService predictions, ObjectProvider<BuildProperties> build) {
		this.predictions = predictions;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "development";
	}

	@GetMapping
	ServerMetadata server() {
		return new ServerMetadata("simmixmatch", this.version, List.of());
	}

	@GetMapping("/health/live")
	Map<String, Boolean> live() {
		return Map.of("live", true);
	}

	@GetMapping("/health/ready")
	Map<String, Boolean> ready() {
		return Map.of("ready", true);
	}

	@GetMapping("/models/{name}")
	ModelMetadata model(@PathVariable String name) {
		PredictionService.Served served = serve(name);
		CheckpointMetadata model = served.model().metadata();
		return new ModelMetadata(name, List.of(version(served.version())), "djl_pytorch",
				List.of(new TensorMetadata(INPUT, "FP32",
						List.of(-1L, (long) model.channels(), (long) model.height(), (long) model.width()))),
				List.of(new TensorMetadata(OUTPUT, "FP32", List.of(-1L, (long) model.classNames().size()))));
	}

	@GetMapping("/models/{name}/ready")
	Map<String, Object> modelReady(@PathVariable String name) {
		serve(name);
		return Map.of("name", name, "ready", true);
	}

	@PostMapping("/models/{name}/infer")
	InferenceResponse infer(@PathVariable String name, @Valid @RequestBody InferenceRequest request) {
		PredictionService.Served served = serve(name);
		CheckpointMetadata model = served.model().metadata();
		if (request.inputs().size() != 1 || !request.inputs().get(0).name().equals(INPUT)) {
			throw invalid("inputs", "must be one tensor named '" + INPUT + "'");
		}
		InputTensor input = request.inputs().get(0);
		List<float[]> images = images(input, model);
		List<float[]> probabilities = this.predictions.infer(served, images);
		int classes = model.classNames().size();
		List<Float> data = new ArrayList<>(images.size() * classes);
		probabilities.forEach((row) -> {
			for (float p : row) {
				data.add(p);
			}
		});
		return new InferenceResponse(name, version(served.version()), request.id(),
				List.of(new OutputTensor(OUTPUT, "FP32", List.of((long) images.size(), (long) classes), data)));
	}

	private PredictionService.Served serve(String name) {
		return this.predictions.serve(ModelName.parse(name, "name"));
	}

	private static List<float[]> images(InputTensor input, CheckpointMetadata model) {
		List<Long> expected = List.of((long) model.channels(), (long) model.height(), (long) model.width());
		List<Long> shape = input.shape();
		if (shape.size() != 4 || shape.get(0) < 1 || !shape.subList(1, 4).equals(expected)) {
			throw invalid("inputs[0].shape", "must be [N, " + expected.get(0) + ", " + expected.get(1) + ", "
					+ expected.get(2) + "] with N >= 1");
		}
		float scale = switch (input.datatype()) {
			case "FP32" -> 1f;
			case "UINT8" -> 1 / 255f;
			default -> throw invalid("inputs[0].datatype", "must be FP32 or UINT8");
		};
		int perImage = (int) (expected.get(0) * expected.get(1) * expected.get(2));
		float[] values = flatten(input.data(), scale);
		if (values.length != shape.get(0) * perImage) {
			throw invalid("inputs[0].data", "must hold " + shape.get(0) * perImage + " numbers, as its shape says");
		}
		List<float[]> images = new ArrayList<>();
		for (int i = 0; i < shape.get(0); i++) {
			float[] image = new float[perImage];
			System.arraycopy(values, i * perImage, image, 0, perImage);
			images.add(image);
		}
		return images;
	}

	// The protocol allows the data flat (row-major) or nested as the shape.
	private static float[] flatten(JsonNode data, float scale) {
		List<JsonNode> numbers = new ArrayList<>();
		collect(data, numbers);
		float[] values = new float[numbers.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = numbers.get(i).floatValue() * scale;
		}
		return values;
	}

	private static void collect(JsonNode node, List<JsonNode> numbers) {
		if (node.isNumber()) {
			numbers.add(node);
		}
		else if (node.isArray()) {
			node.forEach((element) -> collect(element, numbers));
		}
		else {
			throw invalid("inputs[0].data", "must be numbers, flat or nested in arrays");
		}
	}

	private static String version(ModelVersion version) {
		return (version.version() != null) ? version.version().toString() : "checkpoint-" + version.checkpoint().id();
	}

	private static RuntimeException invalid(String field, String message) {
		return ApiProblems.invalidFields(List.of(new FieldError(field, message)));
	}

	record ServerMetadata(String name, String version, List<String> extensions) {
	}

	record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
			List<TensorMetadata> outputs) {
	}

	record TensorMetadata(String name, String datatype, List<Long> shape) {
	}

	/**
	 * An inference request of the protocol.
	 *
	 * @param id echoed in the response
	 * @param inputs the input tensors: one, named {@code input}
	 * @param outputs the outputs asked for; {@code probabilities} is the only one
	 * @param parameters protocol parameters, accepted and unused
	 */
	record InferenceRequest(@Nullable String id, @NotNull @NotEmpty List<@Valid @NotNull InputTensor> inputs,
			@Nullable List<Map<String, Object>> outputs, @Nullable Map<String, Object> parameters) {
	}

	record InputTensor(@NotBlank String name, @NotNull @NotEmpty List<@NotNull Long> shape, @NotBlank String datatype,
			@NotNull JsonNode data, @Nullable Map<String, Object> parameters) {
	}

	record InferenceResponse(@JsonProperty("model_name") String modelName,
			@JsonProperty("model_version") String modelVersion, @Nullable String id, List<OutputTensor> outputs) {
	}

	record OutputTensor(String name, String datatype, List<Long> shape, List<Float> data) {
	}

}
