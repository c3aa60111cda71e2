package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import org.jspecify.annotations.Nullable;

/**
 * FixMatch's pseudo-labels: the class a weak view predicts, after
 * {@linkplain DistributionAlignment distribution alignment} where the run aligns, weighed
 * by the run's {@link PseudoLabelWeighting}. No gradient flows through them.
 *
 * @param targets {@code (M, C)} one-hot predicted classes
 * @param weights {@code (M)} how much each counts in the loss
 * @param predicted {@code (M, C)} the weak views' class probabilities, as the model
 * predicts them
 * @param labeled {@code (M, C)} the probabilities the labels and weights come from:
 * {@code predicted}, aligned where the run aligns
 */
record PseudoLabels(NDArray targets, NDArray weights, NDArray predicted, NDArray labeled) {

	/**
	 * The pseudo-labels of weak views.
	 * @param weakLogits {@code (M, C)}
	 * @param alignment the run's distribution alignment, null where it does not align
	 * @param weighting what each one counts
	 * @return the labels and their weights
	 */
	static PseudoLabels of(NDArray weakLogits, @Nullable DistributionAlignment alignment,
			PseudoLabelWeighting weighting) {
		NDArray predicted = weakLogits.stopGradient().softmax(-1);
		NDArray labeled = (alignment != null) ? alignment.align(predicted) : predicted;
		NDArray targets = labeled.argMax(1).oneHot((int) weakLogits.getShape().get(1));
		return new PseudoLabels(targets, weighting.weigh(labeled), predicted, labeled);
	}

}
