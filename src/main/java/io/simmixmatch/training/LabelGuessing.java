package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;

/** MixMatch's label guess for unlabeled images: average over views, then sharpen. */
final class LabelGuessing {

	private LabelGuessing() {
	}

	/**
	 * Guesses labels from the logits of K views, without gradient.
	 * @param logits {@code (K * M, C)}, view-major
	 * @param views K
	 * @param temperature the sharpening temperature T
	 * @return {@code (M, C)} sharpened class distributions
	 */
	static NDArray guess(NDArray logits, int views, float temperature) {
		long classes = logits.getShape().get(1);
		NDArray mean = logits.stopGradient().softmax(-1).reshape(views, -1, classes).mean(new int[] { 0 });
		return sharpen(mean, temperature);
	}

	/**
	 * {@code p^(1/T) / sum_c p^(1/T)}: T below 1 pushes a distribution towards one-hot.
	 * @param probabilities {@code (M, C)} class distributions
	 * @param temperature T
	 * @return the sharpened distributions
	 */
	static NDArray sharpen(NDArray probabilities, float temperature) {
		NDArray powered = probabilities.pow(1f / temperature);
		return powered.div(powered.sum(new int[] { 1 }, true));
	}

}
