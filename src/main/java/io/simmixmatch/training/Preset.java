package io.simmixmatch.training;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Named starting points for the hyperparameters, each with the algorithm they were tuned
 * for; a run overrides any of them. A run or study that names none gets the one made for
 * its data set's images ({@link #forImages}).
 */
public enum Preset {

	/**
	 * The hyperparameters of the original implementation: Adam 4e-4, batch 512, 30 steps
	 * per epoch for 300 epochs, ResNet-18, consistency ramped over all epochs.
	 */
	SEED("seed",
			new Hyperparameters(ModelArchitecture.RESNET_18, 300, 30, 512, 1, 100, 500, OptimizerType.ADAM, 4e-4,
					LearningRateSchedule.CONSTANT, 0, 5e-4, 0.2, 0, 2, 0.1, 0.75, 50, 300, 1, 0.5, false, 0.95, 1,
					Weighting.THRESHOLD, false, 0.999, 0.1, 50, 0, 0),
			Algorithm.SIMMIXMATCH),

	/**
	 * MixMatch's recipe for the built-in Fashion-MNIST data set, with a CNN of two
	 * convolutions per stage ({@code CNN_6}: at 2.4x the step time of the one-convolution
	 * CNN it tests 4.57 points higher after 4,000 MixMatch steps, more than that CNN
	 * gains from three times the steps; docs/benchmarks.md): Adam 2e-3 with decoupled
	 * decay 0.02 (kernels shrink by 4e-5 per step), flip and pad-and-crop only (jitter
	 * would grey the black background that every test image has), K = 2, T = 0.5, alpha
	 * 0.75, lambda_u 75 ramped over 16 of 60 epochs. 6,000 steps, because MixMatch's best
	 * epochs come late: 88.19% test top-1 over five seeds, 87.46% after 4,000 (three).
	 */
	FASHION_MNIST("fashion-mnist",
			new Hyperparameters(ModelArchitecture.CNN_6, 60, 100, 64, 1, 100, 500, OptimizerType.ADAMW, 2e-3,
					LearningRateSchedule.CONSTANT, 0, 0.02, 0, 0, 2, 0.5, 0.75, 75, 16, 1, 0.5, false, 0.95, 1,
					Weighting.THRESHOLD, false, 0.999, 0.1, 10, 0, 0),
			Algorithm.MIXMATCH),

	/**
	 * FixMatch with FlexMatch's thresholds for natural photos of at most 48 px, the
	 * recipe of the CIFAR-10 benchmark at 25 labels per class (docs/benchmarks.md): the
	 * {@code fashion-mnist} preset's CNN and AdamW, 16 labeled and 7 x 16 unlabeled
	 * images per step, a cosine decay over 600 steps, threshold 0.95. It reached 41.04%
	 * test top-1 (three seeds) where supervised training on the labels reached 39.08% and
	 * MixMatch 36.41%, in about 8 minutes on two cores; more steps buy more.
	 */
	PHOTO_32("photo-32",
			new Hyperparameters(ModelArchitecture.CNN_6, 20, 30, 16, 7, 100, 500, OptimizerType.ADAMW, 2e-3,
					LearningRateSchedule.COSINE, 0, 0.02, 0, 0, 2, 0.5, 0.75, 75, 20, 1, 0.5, false, 0.95, 1,
					Weighting.FLEXMATCH, false, 0.999, 0.1, 10, 0, 0),
			Algorithm.FIXMATCH),

	/**
	 * {@code photo-32} for larger photos (64 to 96 px and beyond): the CNN behind a stem
	 * that quarters each side first ({@link ModelArchitecture#CNN_6_STEM}): a FixMatch
	 * step at 64 px costs 0.6 times one at 32 px with {@code photo-32}, at 96 px 1.2 to
	 * 1.4 times in a worker, which starts with {@link NativeAllocator#TUNABLES}
	 * (docs/benchmarks.md).
	 */
	PHOTO_96("photo-96",
			new Hyperparameters(ModelArchitecture.CNN_6_STEM, 20, 30, 16, 7, 100, 500, OptimizerType.ADAMW, 2e-3,
					LearningRateSchedule.COSINE, 0, 0.02, 0, 0, 2, 0.5, 0.75, 75, 20, 1, 0.5, false, 0.95, 1,
					Weighting.FLEXMATCH, false, 0.999, 0.1, 10, 0, 0),
			Algorithm.FIXMATCH);

	/**
	 * The largest side of the images {@code fashion-mnist} and {@code photo-32} are for.
	 */
	static final int SMALL_IMAGES = 48;

	private final String id;

	private final Hyperparameters hyperparameters;

	private final Algorithm algorithm;

	Preset(String id, Hyperparameters hyperparameters, Algorithm algorithm) {
		this.id = id;
		this.hyperparameters = hyperparameters;
		this.algorithm = algorithm;
	}

	/**
	 * The preset made for a data set's images: {@code fashion-mnist} for small grayscale
	 * ones, {@code photo-32} for small colour ones, {@code photo-96} for any larger.
	 * @param channels 1 for grayscale, 3 for RGB
	 * @param height the images' height
	 * @param width their width
	 * @return the preset
	 */
	public static Preset forImages(int channels, int height, int width) {
		if (Math.max(height, width) > SMALL_IMAGES) {
			return PHOTO_96;
		}
		return (channels == 1) ? FASHION_MNIST : PHOTO_32;
	}

	/**
	 * The preset with the given id.
	 * @param id a preset id, such as {@code fashion-mnist}
	 * @return the preset
	 * @throws IllegalArgumentException if no preset has that id
	 */
	public static Preset fromId(String id) {
		return Arrays.stream(values())
			.filter((preset) -> preset.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown preset '" + id + "'"));
	}

	/**
	 * The name of the preset in the API and on the command line.
	 * @return the id, such as {@code fashion-mnist}
	 */
	@JsonValue
	public String id() {
		return this.id;
	}

	public Hyperparameters hyperparameters() {
		return this.hyperparameters;
	}

	/**
	 * The algorithm the hyperparameters were tuned for, which a run that names none
	 * trains with.
	 * @return the algorithm
	 */
	public Algorithm algorithm() {
		return this.algorithm;
	}

}
