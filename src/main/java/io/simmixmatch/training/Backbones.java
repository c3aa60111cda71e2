package io.simmixmatch.training;

import java.util.ArrayList;
import java.util.List;

import io.simmixmatch.training.Layer.BatchNormalization;
import io.simmixmatch.training.Layer.Convolution;
import io.simmixmatch.training.Layer.GlobalAveragePool;
import io.simmixmatch.training.Layer.Identity;
import io.simmixmatch.training.Layer.MaxPool;
import io.simmixmatch.training.Layer.Rectifier;
import io.simmixmatch.training.Layer.Residual;
import io.simmixmatch.training.Layer.Sequence;

/**
 * The backbones of {@link ModelArchitecture}: images in, a feature vector out, each
 * BatchNorm with the same momentum.
 */
final class Backbones {

	private static final Rectifier RELU = new Rectifier(0);

	private static final Rectifier LEAKY_RELU = new Rectifier(0.1f);

	private final BatchNormalization batchNorm;

	private Backbones(float batchNormMomentum) {
		this.batchNorm = new BatchNormalization(batchNormMomentum);
	}

	static Layer of(ModelArchitecture architecture, float batchNormMomentum) {
		return new Backbones(batchNormMomentum).of(architecture);
	}

	private Layer of(ModelArchitecture architecture) {
		return switch (architecture) {
			case SMALL_CNN -> convStages(1);
			case CNN_6 -> convStages(2);
			case CNN_6_STEM -> Sequence.of(quarteringStem(), convStages(2));
			case WRN_28_2 -> preActivationResNet(16, new int[] { 32, 64, 128 }, 4, LEAKY_RELU);
			case RESNET_18 -> preActivationResNet(64, new int[] { 64, 128, 256, 512 }, 2, RELU);
		};
	}

	/**
	 * Three stages of 32, 64 and 128 channels, max-pooled in between, each of
	 * {@code depth} 3x3 conv+BN+ReLU layers: per 28x28 image about 7.5M multiply-adds
	 * with one per stage, 29M with two.
	 */
	private Layer convStages(int depth) {
		List<Layer> layers = new ArrayList<>();
		int[] widths = { 32, 64, 128 };
		for (int stage = 0; stage < widths.length; stage++) {
			if (stage > 0) {
				layers.add(new MaxPool(2));
			}
			for (int layer = 0; layer < depth; layer++) {
				layers.add(convBnRelu(widths[stage], 1));
			}
		}
		layers.add(new GlobalAveragePool());
		return new Sequence(layers);
	}

	private Layer quarteringStem() {
		return Sequence.of(convBnRelu(32, 2), new MaxPool(2));
	}

	private Layer convBnRelu(int channels, int stride) {
		return Sequence.of(new Convolution(channels, 3, stride), this.batchNorm, RELU);
	}

	/**
	 * A pre-activation residual network (He et al. 2016): WideResNet-28-2 is three groups
	 * of four units of width 32, 64, 128; ResNet-18 four groups of two units of width 64
	 * to 512.
	 */
	private Layer preActivationResNet(int stem, int[] widths, int unitsPerGroup, Rectifier activation) {
		List<Layer> layers = new ArrayList<>(List.of(new Convolution(stem, 3, 1)));
		for (int group = 0; group < widths.length; group++) {
			for (int unit = 0; unit < unitsPerGroup; unit++) {
				int stride = (group > 0 && unit == 0) ? 2 : 1;
				boolean project = unit == 0
						&& (stride != 1 || widths[group] != ((group == 0) ? stem : widths[group - 1]));
				layers.add(residualUnit(widths[group], stride, project, activation));
			}
		}
		layers.addAll(List.of(this.batchNorm, activation, new GlobalAveragePool()));
		return new Sequence(layers);
	}

	private Layer residualUnit(int channels, int stride, boolean project, Rectifier activation) {
		Layer main = Sequence.of(this.batchNorm, activation, new Convolution(channels, 3, stride), this.batchNorm,
				activation, new Convolution(channels, 3, 1));
		return new Residual(main, project ? new Convolution(channels, 1, stride) : new Identity());
	}

}
