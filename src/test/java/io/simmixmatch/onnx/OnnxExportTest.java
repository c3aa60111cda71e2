package io.simmixmatch.onnx;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.Layer;
import io.simmixmatch.training.ModelArchitecture;
import io.simmixmatch.training.Normalization;
import io.simmixmatch.training.Preset;
import io.simmixmatch.training.SemiSupervisedNet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every backbone, exported, gives in ONNX Runtime the logits the service computes. */
class OnnxExportTest {

	private static final int CLASSES = 7;

	private static final Normalization NORMALIZATION = new Normalization(new float[] { 0.49f, 0.48f, 0.45f },
			new float[] { 0.25f, 0.24f, 0.26f });

	@ParameterizedTest(name = "{0}")
	@EnumSource(ModelArchitecture.class)
	void anExportedBackboneGivesTheServicesLogitsInOnnxRuntime(ModelArchitecture architecture) throws Exception {
		Shape shape = new Shape(5, 3, 32, 32);
		float[] pixels = uniform(new Random(7), (int) shape.size(), 0, 1);
		try (NDManager manager = NDManager.newBaseManager()) {
			SemiSupervisedNet network = SemiSupervisedNet.of(architecture, Layer.BatchNormalization.LIBTORCH_MOMENTUM,
					CLASSES);
			// The same weights whatever ran before in this process
			Engine.getInstance().setRandomSeed(3);
			network.initialize(manager, DataType.FLOAT32, shape);
			NDArray images = manager.create(pixels, shape);
			trainBatchNorm(network, NORMALIZATION.apply(images), new Random(11));
			NDArray logits = network
				.forward(new ParameterStore(manager, false), new NDList(NORMALIZATION.apply(images)), false)
				.singletonOrThrow();
			float[] expected = logits.toFloatArray();
			float[] probabilities = logits.softmax(-1).toFloatArray();

			byte[] onnx = OnnxExport.model(network, metadata(architecture), Map.of("run", "12")).toByteArray();

			Map<String, float[][]> outputs = run(onnx, pixels, shape);
			assertThat(outputs.get(OnnxExport.LOGITS)).hasDimensions(5, CLASSES);
			for (int image = 0; image < 5; image++) {
				for (int label = 0; label < CLASSES; label++) {
					int at = image * CLASSES + label;
					assertThat(outputs.get(OnnxExport.LOGITS)[image][label]).as("image %d, class %d", image, label)
						.isCloseTo(expected[at], within(1e-4f));
					assertThat(outputs.get(OnnxExport.PROBABILITIES)[image][label]).isCloseTo(probabilities[at],
							within(1e-5f));
				}
			}
		}
	}

	// Scales and shifts away from 1 and 0, and running statistics of the images as
	// training leaves them (a few training-mode passes), so that an export that dropped
	// or
	// misordered any of them would give other logits.
	private static void trainBatchNorm(SemiSupervisedNet network, NDArray images, Random random) {
		for (Pair<String, Parameter> parameter : network.getParameters()) {
			String name = parameter.getKey();
			NDArray array = parameter.getValue().getArray();
			if (name.endsWith("gamma")) {
				array.set(FloatBuffer.wrap(uniform(random, (int) array.size(), 0.5f, 1.5f)));
			}
			else if (name.endsWith("beta")) {
				array.set(FloatBuffer.wrap(uniform(random, (int) array.size(), -0.2f, 0.2f)));
			}
		}
		ParameterStore parameters = new ParameterStore(images.getManager(), false);
		for (int pass = 0; pass < 10; pass++) {
			network.forward(parameters, new NDList(images), true);
		}
	}

	private static Map<String, float[][]> run(byte[] onnx, float[] pixels, Shape shape) throws Exception {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions());
				OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels), shape.getShape());
				OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
			return Map.of(OnnxExport.LOGITS, (float[][]) result.get(OnnxExport.LOGITS).orElseThrow().getValue(),
					OnnxExport.PROBABILITIES,
					(float[][]) result.get(OnnxExport.PROBABILITIES).orElseThrow().getValue());
		}
	}

	private static CheckpointMetadata metadata(ModelArchitecture architecture) {
		JsonMapper json = JsonMapper.shared();
		Map<String, Object> values = json.convertValue(Preset.PHOTO_32.hyperparameters(), new TypeReference<>() {
		});
		values.put("model", architecture.name());
		Hyperparameters hyperparameters = json.convertValue(values, Hyperparameters.class);
		return new CheckpointMetadata(1, Algorithm.FIXMATCH, hyperparameters, "photos",
				List.of("a", "b", "c", "d", "e", "f", "g"), 3, 32, 32, NORMALIZATION, 3, 90, 60, null, 0, List.of());
	}

	private static float[] uniform(Random random, int size, float low, float high) {
		float[] values = new float[size];
		for (int i = 0; i < size; i++) {
			values[i] = low + (high - low) * random.nextFloat();
		}
		return values;
	}

}
