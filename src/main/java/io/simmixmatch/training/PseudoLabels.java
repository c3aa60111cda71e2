package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;

/**
 * FixMatch's pseudo-labels: the class a weak view predicts, weighed by the run's
 * {@link PseudoLabelWeighting}. No gradient flows through them.
 *
 * @param targets {@code (M, C)} one-hot predicted classes
 * @param weights {@code (M)} how much each counts in the loss
 * @param probabilities {@code (M, C)} the weak views' class probabilities
 */
record PseudoLabels(NDArray targets, NDArray weights, NDArray probabilities) {

	/**
	 * The pseudo-labels of weak views.
	 * @param weakLogits {@code (M, C)}
	 * @param weighting what each one counts
	 * @return the labels and their weights
	 */
	static PseudoLabels of(NDArray weakLogits, PseudoLabelWeighting weighting) {
		NDArray probabilities = weakLogits.stopGradient().softmax(-1);
		NDArray targets = probabilities.argMax(1).oneHot((int) weakLogits.getShape().get(1));
		return new PseudoLabels(targets, weighting.weigh(probabilities), probabilities);
	}

}
