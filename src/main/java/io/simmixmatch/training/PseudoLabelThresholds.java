package io.simmixmatch.training;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The confidence each class's pseudo-labels need. FixMatch's is one threshold tau for
 * every class. FlexMatch's (Zhang et al. 2021, as USB implements it, with its warm-up)
 * lowers it for classes the model has learned less of: it remembers the latest prediction
 * of each unlabeled image that passed tau, counts them per class, and sets
 * {@code beta_c = count_c / max(max_c count_c, unused)}, where {@code unused} is the
 * images without one; class c then needs {@code tau * beta_c / (2 - beta_c)}. Early on,
 * when most images are unused, every threshold is low; once a class is learned, its
 * threshold rises to tau.
 */
final class PseudoLabelThresholds implements ClassThresholds {

	private final float threshold;

	private final boolean flexible;

	private final int[] latest;

	private final int[] counts;

	private final int unlabeled;

	/**
	 * @param threshold tau
	 * @param flexible FlexMatch's thresholds; otherwise tau for every class
	 * @param classes the number of classes
	 * @param images the images of the data set (the unlabeled ones among them are
	 * remembered by their index)
	 * @param unlabeled how many are unlabeled
	 */
	PseudoLabelThresholds(float threshold, boolean flexible, int classes, int images, int unlabeled) {
		this.threshold = threshold;
		this.flexible = flexible;
		this.latest = new int[flexible ? images : 0];
		Arrays.fill(this.latest, -1);
		this.counts = new int[classes];
		this.unlabeled = unlabeled;
	}

	@Override
	public float[] current() {
		float[] thresholds = new float[this.counts.length];
		int unused = this.unlabeled - Arrays.stream(this.counts).sum();
		int largest = Math.max(unused, Arrays.stream(this.counts).max().orElse(0));
		for (int c = 0; c < thresholds.length; c++) {
			float beta = (!this.flexible) ? 1 : (unused == this.unlabeled) ? 0 : (float) this.counts[c] / largest;
			thresholds[c] = this.threshold * beta / (2 - beta);
		}
		return thresholds;
	}

	@Override
	public void learn(long[] images, float[] probabilities) {
		if (!this.flexible) {
			return;
		}
		int classes = this.counts.length;
		int[] predicted = new int[images.length];
		float[] confidences = new float[images.length];
		for (int i = 0; i < images.length; i++) {
			for (int c = 0; c < classes; c++) {
				if (probabilities[i * classes + c] > confidences[i]) {
					predicted[i] = c;
					confidences[i] = probabilities[i * classes + c];
				}
			}
		}
		update(images, predicted, confidences);
	}

	/**
	 * Remembers a step's predictions that passed tau (FlexMatch only); {@link #learn}
	 * finds them.
	 * @param images the unlabeled images' indices
	 * @param classes the class each weak view predicted
	 * @param confidences the probability of that class
	 */
	void update(long[] images, int[] classes, float[] confidences) {
		if (!this.flexible) {
			return;
		}
		for (int i = 0; i < images.length; i++) {
			if (confidences[i] >= this.threshold) {
				int image = (int) images[i];
				if (this.latest[image] >= 0) {
					this.counts[this.latest[image]]--;
				}
				this.latest[image] = classes[i];
				this.counts[classes[i]]++;
			}
		}
	}

	/**
	 * The latest confident prediction of each image as ints, -1 for none; nothing without
	 * FlexMatch.
	 */
	@Override
	public byte[] state() {
		ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES * this.latest.length);
		bytes.asIntBuffer().put(this.latest);
		return bytes.array();
	}

	@Override
	public void restore(byte[] state) {
		int[] latest = new int[state.length / Integer.BYTES];
		ByteBuffer.wrap(state).asIntBuffer().get(latest);
		if (latest.length != this.latest.length) {
			throw new IllegalArgumentException(
					"The checkpoint remembers " + latest.length + " images, not " + this.latest.length);
		}
		System.arraycopy(latest, 0, this.latest, 0, latest.length);
		Arrays.fill(this.counts, 0);
		Arrays.stream(latest).filter((c) -> c >= 0).forEach((c) -> this.counts[c]++);
	}

}
