package io.simmixmatch.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import com.google.protobuf.ByteString;
import io.simmixmatch.onnx.format.AttributeProto;
import io.simmixmatch.onnx.format.GraphProto;
import io.simmixmatch.onnx.format.NodeProto;
import io.simmixmatch.onnx.format.TensorProto;

/**
 * A graph being written: nodes in the order they run, each output a fresh name, and float
 * tensors as initializers.
 */
final class OnnxGraph {

	private final GraphProto.Builder graph;

	private int values;

	OnnxGraph(String name) {
		this.graph = GraphProto.newBuilder().setName(name);
	}

	/**
	 * Adds a node.
	 * @param opType the operator
	 * @param inputs its inputs, by name
	 * @param attributes its attributes
	 * @return the name of its output
	 */
	String node(String opType, List<String> inputs, AttributeProto... attributes) {
		String output = opType.toLowerCase() + "_" + (++this.values);
		return node(opType, inputs, output, attributes);
	}

	/**
	 * Adds a node whose output has a given name, such as the graph's outputs.
	 * @param opType the operator
	 * @param inputs its inputs, by name
	 * @param output the name of its output
	 * @param attributes its attributes
	 * @return {@code output}
	 */
	String node(String opType, List<String> inputs, String output, AttributeProto... attributes) {
		this.graph.addNode(NodeProto.newBuilder()
			.setName(output)
			.setOpType(opType)
			.addAllInput(inputs)
			.addOutput(output)
			.addAllAttribute(List.of(attributes)));
		return output;
	}

	/**
	 * Adds a float tensor.
	 * @param name its name
	 * @param values its values, row-major
	 * @param dims its shape
	 * @return {@code name}
	 */
	String tensor(String name, float[] values, long... dims) {
		ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(values);
		this.graph.addInitializer(TensorProto.newBuilder()
			.setName(name)
			.setDataType(TensorProto.DataType.FLOAT_VALUE)
			.addAllDims(java.util.Arrays.stream(dims).boxed().toList())
			.setRawData(ByteString.copyFrom(bytes.array())));
		return name;
	}

	GraphProto.Builder builder() {
		return this.graph;
	}

	static AttributeProto ints(String name, long... values) {
		return AttributeProto.newBuilder()
			.setName(name)
			.setType(AttributeProto.AttributeType.INTS)
			.addAllInts(java.util.Arrays.stream(values).boxed().toList())
			.build();
	}

	static AttributeProto integer(String name, long value) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
	}

	static AttributeProto real(String name, float value) {
		return AttributeProto.newBuilder()
			.setName(name)
			.setType(AttributeProto.AttributeType.FLOAT)
			.setF(value)
			.build();
	}

}
