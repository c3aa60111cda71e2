package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Image batches laid out channels-last in memory. libtorch's CPU convolutions (oneDNN)
 * compute in that order: given the default {@code (N, C, H, W)} order they reorder every
 * input, output and gradient of every convolution, which took a sixth of a {@code CNN_6}
 * step. A batch that enters the network channels-last stays so through every layer
 * (BatchNorm, ReLU and pooling keep their input's layout), so the reorders go away
 * (docs/benchmarks.md). The array keeps its shape and values: only the order of its
 * elements in memory changes.
 */
final class ChannelsLast {

	private ChannelsLast() {
	}

	/**
	 * The batch, laid out channels-last where it trains on the CPU.
	 * @param images {@code (N, C, H, W)}
	 * @return the same values at the same indices, stored in {@code (N, H, W, C)} order
	 * on the CPU; the batch as it is on a GPU, where this layout is not measured
	 */
	static NDArray of(NDArray images) {
		if (images.getDevice().isGpu()) {
			return images;
		}
		Shape shape = images.getShape();
		// flatten copies the transposed view in its order; the second transpose only
		// renames the axes back, which libtorch reads as channels-last strides.
		return images.transpose(0, 2, 3, 1)
			.flatten()
			.reshape(shape.get(0), shape.get(2), shape.get(3), shape.get(1))
			.transpose(0, 3, 1, 2);
	}

}
