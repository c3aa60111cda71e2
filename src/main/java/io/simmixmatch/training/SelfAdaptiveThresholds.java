package io.simmixmatch.training;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * FreeMatch's self-adaptive thresholds (Wang et al. 2023, as USB implements them): the
 * threshold follows the model's own confidence instead of a fixed tau. A global threshold
 * {@code tau_t} is a moving average (decay 0.999) of the weak views' mean confidence (the
 * largest probability), and each class's share of it is a moving average {@code p_c} of
 * that class's mean probability: class c needs {@code tau_t * p_c / max_c p_c}. Both
 * start at {@code 1/C}, so an untrained model keeps most pseudo-labels and a confident
 * one few, while classes it predicts less need less. Unlike USB, a step is weighed by
 * what the steps before it taught (so that a step split over devices weighs as one).
 */
final class SelfAdaptiveThresholds implements ClassThresholds {

	private static final double MOMENTUM = 0.999;

	private float global;

	private final float[] classMeans;

	/**
	 * @param classes the number of classes
	 */
	SelfAdaptiveThresholds(int classes) {
		this.global = 1f / classes;
		this.classMeans = new float[classes];
		Arrays.fill(this.classMeans, 1f / classes);
	}

	// tau_t * p_c / max_c p_c
	@Override
	public float[] current() {
		float largest = 0;
		for (float mean : this.classMeans) {
			largest = Math.max(largest, mean);
		}
		float[] thresholds = new float[this.classMeans.length];
		for (int c = 0; c < thresholds.length; c++) {
			thresholds[c] = this.global * this.classMeans[c] / largest;
		}
		return thresholds;
	}

	@Override
	public void learn(long[] images, float[] probabilities) {
		int classes = this.classMeans.length;
		int m = probabilities.length / classes;
		double confidence = 0;
		for (int i = 0; i < m; i++) {
			float max = 0;
			for (int c = 0; c < classes; c++) {
				max = Math.max(max, probabilities[i * classes + c]);
			}
			confidence += max / m;
		}
		this.global = (float) (MOMENTUM * this.global + (1 - MOMENTUM) * confidence);
		DistributionAlignment.moveTowards(this.classMeans, probabilities);
	}

	/**
	 * {@code tau_t}, then {@code p_c} by class, as floats.
	 */
	@Override
	public byte[] state() {
		ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * (1 + this.classMeans.length));
		bytes.asFloatBuffer().put(this.global).put(this.classMeans);
		return bytes.array();
	}

	@Override
	public void restore(byte[] state) {
		FloatBuffer floats = ByteBuffer.wrap(state).asFloatBuffer();
		if (floats.remaining() != 1 + this.classMeans.length) {
			throw new IllegalArgumentException("FreeMatch's thresholds for " + this.classMeans.length + " classes keep "
					+ (1 + this.classMeans.length) + " floats, not " + floats.remaining());
		}
		this.global = floats.get();
		floats.get(this.classMeans);
	}

}
