package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pointwise (1 x 1) convolutions, which read their input in the default
 * {@code (N, C, H, W)} order. On an AMD EPYC of the Zen 5 family, libtorch's 1 x 1
 * convolution of a {@linkplain ChannelsLast channels-last} input with 256 or more input
 * channels returns values off by about half the output's range (71 of 448 shapes probed,
 * stride 1 and 2, batches of 1 to 112), while the default order's are right (within 6e-6)
 * on the same shapes: ResNet-18's last projection (256 to 512 channels) gave logits 0.24
 * away from float64's (docs/ARCHITECTURE.md). The reorder costs one copy of the input of
 * each projection shortcut; 3 x 3 convolutions keep channels-last.
 */
final class PointwiseConvolution {

	private PointwiseConvolution() {
	}

	/**
	 * The block of a 1 x 1 convolution.
	 * @param builder DJL's convolution, configured
	 * @return the block
	 */
	static Block of(ai.djl.nn.convolutional.Conv2d.Builder builder) {
		return new Conv2d(builder);
	}

	// Named as DJL's: a block's parameters are named after its class, and checkpoints
	// keep the names.
	private static final class Conv2d extends ai.djl.nn.convolutional.Conv2d {

		Conv2d(Builder builder) {
			super(builder);
		}

		@Override
		protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
				PairList<String, Object> params) {
			NDArray input = inputs.singletonOrThrow();
			// A copy in logical order for a channels-last array, a view for the others
			NDArray ordered = input.flatten().reshape(input.getShape());
			return super.forwardInternal(parameterStore, new NDList(ordered), training, params);
		}

	}

}
