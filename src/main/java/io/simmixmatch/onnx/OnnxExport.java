package io.simmixmatch.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.simmixmatch.onnx.format.ModelProto;
import io.simmixmatch.onnx.format.OperatorSetIdProto;
import io.simmixmatch.onnx.format.StringStringEntryProto;
import io.simmixmatch.onnx.format.TensorProto;
import io.simmixmatch.onnx.format.TensorShapeProto;
import io.simmixmatch.onnx.format.TypeProto;
import io.simmixmatch.onnx.format.ValueInfoProto;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.training.Classifier;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.Layer;
import io.simmixmatch.training.Normalization;
import io.simmixmatch.training.SemiSupervisedNet;
import tools.jackson.databind.json.JsonMapper;

import static io.simmixmatch.onnx.OnnxGraph.integer;
import static io.simmixmatch.onnx.OnnxGraph.ints;
import static io.simmixmatch.onnx.OnnxGraph.real;

/**
 * Writes a checkpoint's network as an ONNX model (opset 17). Its input {@value #INPUT} is
 * a batch of images {@code (N, C, H, W)}, pixels in [0, 1], channel-major, at the
 * checkpoint's size: the graph normalizes them with the training set's means and standard
 * deviations itself, as the service does before its network. Its outputs are
 * {@value #LOGITS} and their softmax, {@value #PROBABILITIES}, both {@code (N, classes)}.
 * BatchNorm stays a BatchNormalization node with the EMA model's running statistics, so
 * the graph is the network layer for layer; where one follows a convolution, ONNX Runtime
 * fuses the two when it loads the model. The projection head, which only training uses,
 * is left out.
 */
public final class OnnxExport {

	/** The ONNX operator set the graph is written against. */
	public static final int OPSET = 17;

	/** The name of the graph's input. */
	public static final String INPUT = "images";

	/** The name of the graph's logits output. */
	public static final String LOGITS = "logits";

	/** The name of the graph's probabilities output. */
	public static final String PROBABILITIES = "probabilities";

	// The IR version that opset 17 came with.
	private static final long IR_VERSION = 8;

	private final OnnxGraph graph = new OnnxGraph("simmixmatch");

	private int parameters;

	private OnnxExport() {
	}

	/**
	 * Writes a loaded checkpoint.
	 * @param classifier the checkpoint's network
	 * @param provenance what to record beside the checkpoint's own metadata, such as the
	 * run and checkpoint it came from
	 * @return the ONNX model's bytes
	 */
	public static byte[] of(Classifier classifier, Map<String, String> provenance) {
		return model(classifier.network(), classifier.metadata(), provenance).toByteArray();
	}

	/**
	 * Describes a network as an ONNX model.
	 * @param network the network, with the weights to write
	 * @param metadata what its checkpoint says about it
	 * @param provenance further metadata properties
	 * @return the model
	 */
	static ModelProto model(SemiSupervisedNet network, CheckpointMetadata metadata, Map<String, String> provenance) {
		OnnxExport export = new OnnxExport();
		String normalized = export.normalize(INPUT, metadata.normalization());
		Hyperparameters hp = metadata.hyperparameters();
		String features = export.write(hp.model().layers((float) hp.batchNormMomentum()), network.backbone(),
				normalized);
		String logits = export.linear(network.classifier(), features);
		export.graph.node("Softmax", List.of(logits), PROBABILITIES, integer("axis", -1));
		int classes = metadata.classNames().size();
		export.graph.builder()
			.addInput(tensorType(INPUT, "N", metadata.channels(), metadata.height(), metadata.width()))
			.addOutput(tensorType(LOGITS, "N", classes))
			.addOutput(tensorType(PROBABILITIES, "N", classes));
		return ModelProto.newBuilder()
			.setIrVersion(IR_VERSION)
			.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
			.setProducerName("simmixmatch")
			.setDocString("An image classifier trained by SimMixMatch (" + metadata.algorithm() + ", "
					+ metadata.hyperparameters().model() + ") on " + metadata.dataset())
			.setGraph(export.graph.builder())
			.addAllMetadataProps(properties(metadata, provenance).entrySet()
				.stream()
				.map((entry) -> StringStringEntryProto.newBuilder()
					.setKey(entry.getKey())
					.setValue(entry.getValue())
					.build())
				.toList())
			.build();
	}

	/**
	 * The model's metadata properties: how to feed it and where it came from.
	 * @param metadata the checkpoint's metadata
	 * @param provenance further properties
	 * @return the properties, in a stable order
	 */
	static Map<String, String> properties(CheckpointMetadata metadata, Map<String, String> provenance) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("input",
				INPUT + ": float32 (N, " + metadata.channels() + ", " + metadata.height() + ", " + metadata.width()
						+ "), " + ((metadata.channels() == 3) ? "RGB" : "grayscale")
						+ " pixels in [0, 1], channel-major; the graph normalizes them itself");
		properties.put("outputs", LOGITS + " and " + PROBABILITIES + " (softmax): float32 (N, classes)");
		properties.put("channel_means", join(metadata.normalization().mean()));
		properties.put("channel_stds", join(metadata.normalization().std()));
		properties.put("class_names", JsonMapper.shared().writeValueAsString(metadata.classNames()));
		properties.put("dataset", metadata.dataset());
		properties.put("algorithm", metadata.algorithm().name());
		properties.put("backbone", metadata.hyperparameters().model().name());
		properties.put("epoch", Integer.toString(metadata.epoch()));
		properties.put("step", Long.toString(metadata.step()));
		properties.putAll(provenance);
		return properties;
	}

	private String normalize(String images, Normalization normalization) {
		long channels = normalization.mean().length;
		String mean = this.graph.tensor("normalization.mean", normalization.mean(), 1, channels, 1, 1);
		String std = this.graph.tensor("normalization.std", normalization.std(), 1, channels, 1, 1);
		return this.graph.node("Div", List.of(this.graph.node("Sub", List.of(images, mean)), std));
	}

	// The layer's nodes on the trained block that the same layer built.
	private String write(Layer layer, Block block, String input) {
		if (layer instanceof Layer.Sequence sequence) {
			List<Block> blocks = block.getChildren().values();
			String output = input;
			for (int i = 0; i < blocks.size(); i++) {
				output = write(sequence.layers().get(i), blocks.get(i), output);
			}
			return output;
		}
		if (layer instanceof Layer.Residual residual) {
			List<Block> paths = block.getChildren().values();
			return this.graph.node("Add", List.of(write(residual.main(), paths.get(0), input),
					write(residual.shortcut(), paths.get(1), input)));
		}
		if (layer instanceof Layer.Convolution convolution) {
			long kernel = convolution.kernel();
			long stride = convolution.stride();
			long pad = convolution.padding();
			return this.graph.node("Conv", List.of(input, parameter(block, "weight")),
					ints("kernel_shape", kernel, kernel), ints("strides", stride, stride),
					ints("pads", pad, pad, pad, pad));
		}
		if (layer instanceof Layer.BatchNormalization) {
			return this.graph.node(
					"BatchNormalization", List.of(input, parameter(block, "gamma"), parameter(block, "beta"),
							parameter(block, "runningMean"), parameter(block, "runningVar")),
					real("epsilon", Layer.BatchNormalization.EPSILON));
		}
		if (layer instanceof Layer.Rectifier rectifier) {
			return (rectifier.negativeSlope() == 0) ? this.graph.node("Relu", List.of(input))
					: this.graph.node("LeakyRelu", List.of(input), real("alpha", rectifier.negativeSlope()));
		}
		if (layer instanceof Layer.MaxPool pool) {
			return this.graph.node("MaxPool", List.of(input), ints("kernel_shape", pool.size(), pool.size()),
					ints("strides", pool.size(), pool.size()));
		}
		if (layer instanceof Layer.GlobalAveragePool) {
			return this.graph.node("Flatten", List.of(this.graph.node("GlobalAveragePool", List.of(input))),
					integer("axis", 1));
		}
		if (layer instanceof Layer.Identity) {
			return input;
		}
		throw new IllegalArgumentException("No ONNX form for " + layer);
	}

	// A linear layer: y = x W^T + b, with DJL's weight of shape (units, inputs).
	private String linear(Block block, String input) {
		return this.graph.node("Gemm", List.of(input, parameter(block, "weight"), parameter(block, "bias")), LOGITS,
				integer("transB", 1));
	}

	private String parameter(Block block, String name) {
		Parameter parameter = block.getDirectParameters().get(name);
		NDArray array = parameter.getArray();
		return this.graph.tensor(name + "_" + (++this.parameters), array.toFloatArray(), array.getShape().getShape());
	}

	private static ValueInfoProto tensorType(String name, String batch, long... dims) {
		TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
			.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batch));
		for (long dim : dims) {
			shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
		}
		return ValueInfoProto.newBuilder()
			.setName(name)
			.setType(TypeProto.newBuilder()
				.setTensorType(
						TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
			.build();
	}

	private static String join(float[] values) {
		return IntStream.range(0, values.length)
			.mapToObj((i) -> Float.toString(values[i]))
			.collect(Collectors.joining(","));
	}

}
