package io.simmixmatch.training;

import java.util.Arrays;
import java.util.function.Function;

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

/** The backbones of {@link ModelArchitecture}: images in, a feature vector out. */
final class Backbones {

	private Backbones() {
	}

	static Block of(ModelArchitecture architecture) {
		return switch (architecture) {
			case SMALL_CNN -> convStages(1);
			case CNN_6 -> convStages(2);
			case CNN_6_STEM -> new SequentialBlock().add(quarteringStem()).add(convStages(2));
			case WRN_28_2 -> preActivationResNet(16, new int[] { 32, 64, 128 }, 4, Backbones::leakyRelu);
			case RESNET_18 -> preActivationResNet(64, new int[] { 64, 128, 256, 512 }, 2, Activation::relu);
		};
	}

	/**
	 * Three stages of 32, 64 and 128 channels, max-pooled in between, each of
	 * {@code depth} 3x3 conv+BN+ReLU layers: per 28x28 image about 7.5M multiply-adds
	 * with one per stage, 29M with two.
	 */
	private static Block convStages(int depth) {
		SequentialBlock net = new SequentialBlock();
		int[] widths = { 32, 64, 128 };
		for (int stage = 0; stage < widths.length; stage++) {
			if (stage > 0) {
				net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
			}
			for (int layer = 0; layer < depth; layer++) {
				net.add(convBnRelu(widths[stage], 1));
			}
		}
		return net.add(Pool.globalAvgPool2dBlock());
	}

	private static Block quarteringStem() {
		return new SequentialBlock().add(convBnRelu(32, 2)).add(Pool.maxPool2dBlock(new Shape(2, 2)));
	}

	private static Block convBnRelu(int channels, int stride) {
		return new SequentialBlock().add(conv3x3(channels, stride))
			.add(BatchNorm.builder().build())
			.add(Activation::relu);
	}

	/**
	 * A pre-activation residual network (He et al. 2016): WideResNet-28-2 is three groups
	 * of four units of width 32, 64, 128; ResNet-18 four groups of two units of width 64
	 * to 512.
	 */
	private static Block preActivationResNet(int stem, int[] widths, int unitsPerGroup,
			Function<NDArray, NDArray> activation) {
		SequentialBlock net = new SequentialBlock().add(conv3x3(stem, 1));
		for (int group = 0; group < widths.length; group++) {
			for (int unit = 0; unit < unitsPerGroup; unit++) {
				int stride = (group > 0 && unit == 0) ? 2 : 1;
				boolean project = unit == 0
						&& (stride != 1 || widths[group] != ((group == 0) ? stem : widths[group - 1]));
				net.add(residualUnit(widths[group], stride, project, activation));
			}
		}
		return net.add(BatchNorm.builder().build()).add(activationBlock(activation)).add(Pool.globalAvgPool2dBlock());
	}

	private static Block residualUnit(int channels, int stride, boolean project,
			Function<NDArray, NDArray> activation) {
		Block main = new SequentialBlock().add(BatchNorm.builder().build())
			.add(activationBlock(activation))
			.add(conv3x3(channels, stride))
			.add(BatchNorm.builder().build())
			.add(activationBlock(activation))
			.add(conv3x3(channels, 1));
		Block shortcut = project ? Conv2d.builder()
			.setFilters(channels)
			.setKernelShape(new Shape(1, 1))
			.optStride(new Shape(stride, stride))
			.optBias(false)
			.build() : Blocks.identityBlock();
		return new ParallelBlock(
				(outputs) -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
				Arrays.asList(main, shortcut));
	}

	private static Block activationBlock(Function<NDArray, NDArray> activation) {
		return new LambdaBlock((list) -> new NDList(activation.apply(list.singletonOrThrow())));
	}

	private static Block conv3x3(int channels, int stride) {
		return Conv2d.builder()
			.setFilters(channels)
			.setKernelShape(new Shape(3, 3))
			.optStride(new Shape(stride, stride))
			.optPadding(new Shape(1, 1))
			.optBias(false)
			.build();
	}

	private static NDArray leakyRelu(NDArray x) {
		return Activation.leakyRelu(x, 0.1f);
	}

}
