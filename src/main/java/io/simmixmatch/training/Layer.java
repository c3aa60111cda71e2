package io.simmixmatch.training;

import java.util.Arrays;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * A backbone's layers as data. Each layer builds the DJL block that trains and serves it;
 * an exporter reads the same description beside the trained block to write the layer in
 * another format, so a backbone is described once. The blocks nest exactly as the layers
 * do, which is what a checkpoint's parameter file follows.
 */
public sealed interface Layer {

	/**
	 * A new, uninitialized block for this layer.
	 * @return the block
	 */
	Block block();

	/**
	 * A square convolution without bias, padded to keep the size at stride 1.
	 *
	 * @param channels output channels
	 * @param kernel the kernel's side (odd)
	 * @param stride the stride
	 */
	record Convolution(int channels, int kernel, int stride) implements Layer {

		public int padding() {
			return this.kernel / 2;
		}

		@Override
		public Block block() {
			Conv2d.Builder builder = Conv2d.builder()
				.setFilters(this.channels)
				.setKernelShape(new Shape(this.kernel, this.kernel))
				.optStride(new Shape(this.stride, this.stride))
				.optPadding(new Shape(padding(), padding()))
				.optBias(false);
			return (this.kernel == 1) ? PointwiseConvolution.of(builder) : builder.build();
		}

	}

	/**
	 * Batch normalization over channels, with learned scale and shift.
	 *
	 * @param momentum the weight of a training batch's statistics in the running ones, as
	 * PyTorch counts it (DJL counts the running statistics' weight)
	 */
	record BatchNormalization(float momentum) implements Layer {

		/** Added to the variance before its square root. */
		public static final float EPSILON = 1e-5f;

		/** libtorch's default momentum. */
		public static final float LIBTORCH_MOMENTUM = 0.1f;

		@Override
		public Block block() {
			return BatchNorm.builder().optEpsilon(EPSILON).optMomentum(1 - this.momentum).build();
		}

	}

	/**
	 * A rectifier: {@code max(x, 0)}, or {@code x * negativeSlope} below zero where the
	 * slope is not 0 (a leaky ReLU).
	 *
	 * @param negativeSlope the slope below zero
	 */
	record Rectifier(float negativeSlope) implements Layer {

		@Override
		public Block block() {
			return new LambdaBlock((inputs) -> new NDList(apply(inputs.singletonOrThrow())));
		}

		private NDArray apply(NDArray x) {
			return (this.negativeSlope == 0) ? Activation.relu(x) : Activation.leakyRelu(x, this.negativeSlope);
		}

	}

	/**
	 * Max pooling over square windows that do not overlap.
	 *
	 * @param size the window's side and stride
	 */
	record MaxPool(int size) implements Layer {

		@Override
		public Block block() {
			return Pool.maxPool2dBlock(new Shape(this.size, this.size));
		}

	}

	/** The mean of each channel: {@code (N, C, H, W)} to {@code (N, C)}. */
	record GlobalAveragePool() implements Layer {

		@Override
		public Block block() {
			return Pool.globalAvgPool2dBlock();
		}

	}

	/** The input, unchanged. */
	record Identity() implements Layer {

		@Override
		public Block block() {
			return Blocks.identityBlock();
		}

	}

	/**
	 * Layers one after another.
	 *
	 * @param layers the layers, first applied first
	 */
	record Sequence(List<Layer> layers) implements Layer {

		public static Sequence of(Layer... layers) {
			return new Sequence(List.of(layers));
		}

		@Override
		public Block block() {
			SequentialBlock block = new SequentialBlock();
			this.layers.forEach((layer) -> block.add(layer.block()));
			return block;
		}

	}

	/**
	 * A residual unit: the sum of a main path and a shortcut, both from the same input.
	 *
	 * @param main the main path
	 * @param shortcut the shortcut, an {@link Identity} or a projection
	 */
	record Residual(Layer main, Layer shortcut) implements Layer {

		@Override
		public Block block() {
			return new ParallelBlock(
					(outputs) -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
					Arrays.asList(this.main.block(), this.shortcut.block()));
		}

	}

}
