package io.simmixmatch.training;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * SoftMatch's weights (Chen et al. 2023, as USB implements it): every pseudo-label
 * counts, by a truncated Gaussian of its confidence. The weak views' probabilities are
 * first aligned to a uniform class distribution, {@code p * (1/C) / p_model} normalized,
 * where {@code p_model} is a moving average of their mean; an aligned confidence
 * {@code q} (the largest aligned probability) at or above {@code mu} weighs 1, one below
 * it {@code exp(-(q - mu)^2 / (2 sigma^2 / n^2))}, with {@code n = 2} and {@code mu} and
 * {@code sigma^2} moving averages (decay 0.999) of the aligned confidences' mean and
 * unbiased variance, starting at {@code 1/C} and 1. The pseudo-label is the class of the
 * unaligned prediction. Unlike USB, a step is weighed by what the steps before it taught
 * (so that a step split over devices weighs as one): its first step aligns nothing.
 */
final class SoftMatchWeights implements PseudoLabelWeighting {

	private static final double MOMENTUM = 0.999;

	private static final float SIGMAS = 2;

	private final int classes;

	// null until the first step sets it to that step's mean, as USB's does
	private float[] classMeans;

	private float mean;

	private float variance = 1;

	/**
	 * @param classes the number of classes
	 */
	SoftMatchWeights(int classes) {
		this.classes = classes;
		this.mean = 1f / classes;
	}

	@Override
	public NDArray weigh(NDArray probabilities) {
		NDManager manager = probabilities.getManager();
		NDArray aligned = probabilities.mul(manager.create(alignment()));
		NDArray confidences = aligned.max(new int[] { 1 }).div(aligned.sum(new int[] { 1 }));
		NDArray shortfall = confidences.sub(this.mean).minimum(0f);
		// A variance that reached 0 (every confidence alike for a long time) must not
		// turn a shortfall of 0 into 0 x infinity.
		float variance = Math.max(this.variance, Float.MIN_NORMAL);
		return shortfall.square().mul(-SIGMAS * SIGMAS / (2 * variance)).exp();
	}

	@Override
	public void learn(long[] images, float[] probabilities) {
		int m = images.length;
		float[] batchMeans = new float[this.classes];
		for (int i = 0; i < probabilities.length; i++) {
			batchMeans[i % this.classes] += probabilities[i] / m;
		}
		if (this.classMeans == null) {
			this.classMeans = batchMeans;
		}
		else {
			for (int c = 0; c < this.classes; c++) {
				this.classMeans[c] = (float) (MOMENTUM * this.classMeans[c] + (1 - MOMENTUM) * batchMeans[c]);
			}
		}
		float[] alignment = alignment();
		double[] confidences = new double[m];
		for (int i = 0; i < m; i++) {
			double sum = 0;
			double max = 0;
			for (int c = 0; c < this.classes; c++) {
				double aligned = probabilities[i * this.classes + c] * alignment[c];
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

	// (1/C) / p_model by class, each term offset by 1e-6 as USB's; 1 before any step.
	private float[] alignment() {
		float[] alignment = new float[this.classes];
		for (int c = 0; c < this.classes; c++) {
			alignment[c] = (this.classMeans == null) ? 1 : (1f / this.classes + 1e-6f) / (this.classMeans[c] + 1e-6f);
		}
		return alignment;
	}

	/**
	 * The class means (once a step has set them), then mu and sigma^2, as floats.
	 */
	@Override
	public byte[] state() {
		float[] means = (this.classMeans != null) ? this.classMeans : new float[0];
		ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * (means.length + 2));
		bytes.asFloatBuffer().put(means).put(this.mean).put(this.variance);
		return bytes.array();
	}

	@Override
	public void restore(byte[] state) {
		FloatBuffer floats = ByteBuffer.wrap(state).asFloatBuffer();
		int length = floats.remaining();
		if (length != 2 && length != this.classes + 2) {
			throw new IllegalArgumentException("SoftMatch's state for " + this.classes + " classes has "
					+ (this.classes + 2) + " or 2 floats, not " + length);
		}
		this.classMeans = (length == 2) ? null : new float[this.classes];
		if (this.classMeans != null) {
			floats.get(this.classMeans);
		}
		this.mean = floats.get();
		this.variance = floats.get();
	}

}
