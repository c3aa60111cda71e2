package io.simmixmatch.training;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import ai.djl.ndarray.NDArray;

/**
 * Distribution alignment of weak views' class probabilities towards a uniform class
 * distribution (ReMixMatch, Berthelot et al. 2020, as USB's {@code DistAlignEMAHook} with
 * a uniform target): {@code p * (1/C + 1e-6) / (p_model + 1e-6)}, normalized, where
 * {@code p_model} is a moving average (decay 0.999) of the probabilities' mean. A model
 * that gives one class a third of the unlabeled images sees that class's probabilities
 * scaled down and the neglected classes' scaled up, so its pseudo-labels do not feed its
 * bias back to it. Unlike USB, a step is aligned by what the steps before it taught (so
 * that a step split over devices aligns as one): its first step aligns nothing, and
 * {@code p_model} starts at that step's mean.
 */
final class DistributionAlignment {

	private static final double MOMENTUM = 0.999;

	private static final float OFFSET = 1e-6f;

	private final int classes;

	// null until the first step sets it to that step's mean, as USB's does
	private float[] classMeans;

	/**
	 * @param classes the number of classes
	 */
	DistributionAlignment(int classes) {
		this.classes = classes;
	}

	/**
	 * What each class's probability is multiplied by before normalizing.
	 * @return {@code (1/C + 1e-6) / (p_model + 1e-6)} by class, 1 before any step
	 */
	float[] factors() {
		float[] factors = new float[this.classes];
		for (int c = 0; c < this.classes; c++) {
			factors[c] = (this.classMeans == null) ? 1 : (1f / this.classes + OFFSET) / (this.classMeans[c] + OFFSET);
		}
		return factors;
	}

	/**
	 * Aligns probabilities.
	 * @param probabilities {@code (M, C)} class probabilities
	 * @return {@code (M, C)} the aligned probabilities, each row summing to 1
	 */
	NDArray align(NDArray probabilities) {
		NDArray scaled = probabilities.mul(probabilities.getManager().create(factors()));
		return scaled.div(scaled.sum(new int[] { 1 }, true));
	}

	/**
	 * Moves {@code p_model} towards the mean of a step's probabilities.
	 * @param probabilities the step's weak views' class probabilities, {@code M x C} by
	 * rows, as they were before alignment
	 */
	void learn(float[] probabilities) {
		if (this.classMeans == null) {
			this.classMeans = classMeans(probabilities, this.classes);
		}
		else {
			moveTowards(this.classMeans, probabilities);
		}
	}

	/**
	 * Moves moving averages of class probabilities a tenth of a percent towards a step's
	 * means, as {@code p_model} moves (and FreeMatch's class means).
	 * @param means the averages, {@code C}, moved in place
	 * @param probabilities the step's probabilities, {@code M x C} by rows
	 */
	static void moveTowards(float[] means, float[] probabilities) {
		float[] batchMeans = classMeans(probabilities, means.length);
		for (int c = 0; c < means.length; c++) {
			means[c] = (float) (MOMENTUM * means[c] + (1 - MOMENTUM) * batchMeans[c]);
		}
	}

	// The mean probability of each class: the C column means of M x C rows
	private static float[] classMeans(float[] probabilities, int classes) {
		int m = probabilities.length / classes;
		float[] means = new float[classes];
		for (int i = 0; i < probabilities.length; i++) {
			means[i % classes] += probabilities[i] / m;
		}
		return means;
	}

	/**
	 * What a checkpoint keeps.
	 * @return {@code p_model} as floats, none before the first step
	 */
	byte[] state() {
		float[] means = (this.classMeans != null) ? this.classMeans : new float[0];
		ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * means.length);
		bytes.asFloatBuffer().put(means);
		return bytes.array();
	}

	/**
	 * Takes back what {@link #state()} returned.
	 * @param state {@code C} floats, or none
	 */
	void restore(byte[] state) {
		FloatBuffer floats = ByteBuffer.wrap(state).asFloatBuffer();
		if (floats.remaining() != 0 && floats.remaining() != this.classes) {
			throw new IllegalArgumentException("Distribution alignment for " + this.classes + " classes keeps "
					+ this.classes + " floats or none, not " + floats.remaining());
		}
		this.classMeans = floats.hasRemaining() ? new float[this.classes] : null;
		if (this.classMeans != null) {
			floats.get(this.classMeans);
		}
	}

}
