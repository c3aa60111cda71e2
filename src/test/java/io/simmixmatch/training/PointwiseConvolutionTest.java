package io.simmixmatch.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 x 1 convolution of a channels-last batch gives the values of a float64 reference,
 * where libtorch's own channels-last kernel does not on every CPU.
 */
class PointwiseConvolutionTest {

	@ParameterizedTest(name = "stride {0}")
	@ValueSource(ints = { 1, 2 })
	void aChannelsLastBatchGivesTheFloat64Values(int stride) {
		try (NDManager manager = NDManager.newBaseManager()) {
			Engine.getInstance().setRandomSeed(1);
			Shape shape = new Shape(5, 256, 8, 8);
			Block block = Layer.Sequence.of(new Layer.Convolution(512, 1, stride)).block();
			block.initialize(manager, DataType.FLOAT32, shape);
			NDArray weight = block.getParameters().valueAt(0).getArray();
			NDArray images = manager.randomNormal(shape);

			NDArray output = block
				.forward(new ParameterStore(manager, false), new NDList(ChannelsLast.of(images)), false)
				.singletonOrThrow();

			NDArray reference = Conv2d
				.conv2d(images.toType(DataType.FLOAT64, true), weight.toType(DataType.FLOAT64, true), null,
						new Shape(stride, stride))
				.singletonOrThrow();
			double error = output.toType(DataType.FLOAT64, true).sub(reference).abs().max().getDouble();
			assertThat(error)
				.as("largest difference from float64, outputs up to %.1f", reference.abs().max().getDouble())
				.isLessThan(1e-4);
			assertThat(block.getParameters().keys()).as("named as DJL's, as checkpoints keep them")
				.containsExactly("01Conv2d_weight");
		}
	}

}
