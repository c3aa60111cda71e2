package io.simmixmatch.training;

import java.nio.ByteBuffer;
import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import org.jspecify.annotations.Nullable;

/**
 * SoftMatch's weights (Chen et al. 2023, as USB implements it): every pseudo-label
 * counts, by a truncated Gaussian of its confidence. The weak views' probabilities are
 * first {@linkplain DistributionAlignment aligned} to a uniform class distribution; an
 * aligned confidence {@code q} (the largest aligned probability) at or above {@code mu}
 * weighs 1, one below it {@code exp(-(q - mu)^2 / (2 sigma^2 / n^2))}, with {@code n = 2}
 * and {@code mu} and {@code sigma^2} moving averages (decay 0.999) of the aligned
 * confidences' mean and unbiased variance, starting at {@code 1/C} and 1. Where the run
 * aligns the pseudo-labels themselves ({@code distributionAlignment}, as USB does), the
 * probabilities come aligned and the weights leave them as they are; otherwise the
 * weights align them for themselves, and the pseudo-label stays the class of the
 * unaligned prediction. Unlike USB, a step is weighed by what the steps before it taught
 * (so that a step split over devices weighs as one).
 */
final class SoftMatchWeights implements PseudoLabelWeighting {

	private static final double MOMENTUM = 0.999;

	private static final float SIGMAS = 2;

	// null where the probabilities come aligned
	private final @Nullable DistributionAlignment alignment;

	private float mean;

	private float variance = 1;

	/**
	 * @param classes the number of classes
	 * @param aligns whether the weights align the probabilities themselves (false where
	 * they come aligned)
	 */
	SoftMatchWeights(int classes, boolean aligns) {
		this.alignment = aligns ? new DistributionAlignment(classes) : null;
		this.mean = 1f / classes;
	}

	@Override
	public NDArray weigh(NDArray probabilities) {
		NDArray aligned = (this.alignment != null) ? this.alignment.align(probabilities) : probabilities;
		NDArray shortfall = aligned.max(new int[] { 1 }).sub(this.mean).minimum(0f);
		// A variance that reached 0 (every confidence alike for a long time) must not
		// turn a shortfall of 0 into 0 x infinity.
		float variance = Math.max(this.variance, Float.MIN_NORMAL);
		return shortfall.square().mul(-SIGMAS * SIGMAS / (2 * variance)).exp();
	}

	@Override
	public void learn(long[] images, float[] probabilities) {
		int m = images.length;
		int classes = probabilities.length / m;
		if (this.alignment != null) {
			this.alignment.learn(probabilities);
		}
		float[] factors = (this.alignment != null) ? this.alignment.factors() : null;
		double[] confidences = new double[m];
		for (int i = 0; i < m; i++) {
			double sum = 0;
			double max = 0;
			for (int c = 0; c < classes; c++) {
				double aligned = probabilities[i * classes + c] * ((factors != null) ? factors[c] : 1);
				sum += aligned;
				max = Math.max(max, aligned);
			}
			confidences[i] = max / sum;
		}
		double batchMean = Arrays.stream(confidences).average().orElseThrow();
		double squares = Arrays.stream(confidences).map((q) -> (q - batchMean) * (q - batchMean)).sum();
		this.mean = (float) (MOMENTUM * this.mean + (1 - MOMENTUM) * batchMean);
		if (m > 1) { // one image has no sample variance (USB's would be NaN)
			this.variance = (float) (MOMENTUM * this.variance + (1 - MOMENTUM) * squares / (m - 1));
		}
	}

	/**
	 * The alignment's class means (where the weights align, once a step has set them),
	 * then mu and sigma^2, as floats.
	 */
	@Override
	public byte[] state() {
		byte[] means = (this.alignment != null) ? this.alignment.state() : new byte[0];
		ByteBuffer bytes = ByteBuffer.allocate(means.length + 2 * Float.BYTES);
		bytes.put(means).putFloat(this.mean).putFloat(this.variance);
		return bytes.array();
	}

	@Override
	public void restore(byte[] state) {
		int means = state.length - 2 * Float.BYTES;
		if (means < 0 || (this.alignment == null && means != 0)) {
			throw new IllegalArgumentException("SoftMatch's state " + (this.alignment != null ? "ends in mu and sigma^2"
					: "of aligned probabilities is mu and sigma^2 alone"));
		}
		if (this.alignment != null) {
			this.alignment.restore(Arrays.copyOf(state, means));
		}
		ByteBuffer floats = ByteBuffer.wrap(state, means, 2 * Float.BYTES);
		this.mean = floats.getFloat();
		this.variance = floats.getFloat();
	}

}
