package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * FixMatch's pseudo-labels: the class a weak view predicts, kept where its probability
 * reaches that class's threshold. No gradient flows through them.
 *
 * @param targets {@code (M, C)} one-hot predicted classes
 * @param mask {@code (M)} 1 where the prediction is confident enough, else 0
 * @param classes {@code (M)} the predicted classes
 * @param confidences {@code (M)} their probabilities
 */
record PseudoLabels(NDArray targets, NDArray mask, NDArray classes, NDArray confidences) {

	/**
	 * The pseudo-labels of weak views.
	 * @param weakLogits {@code (M, C)}
	 * @param thresholds {@code (C)} each class's threshold
	 * @return the labels and their mask
	 */
	static PseudoLabels of(NDArray weakLogits, NDArray thresholds) {
		NDArray probabilities = weakLogits.stopGradient().softmax(-1);
		NDArray classes = probabilities.argMax(1);
		NDArray confidences = probabilities.max(new int[] { 1 });
		NDArray mask = confidences.gte(thresholds.get(new NDIndex("{}", classes))).toType(DataType.FLOAT32, false);
		NDArray targets = classes.oneHot((int) weakLogits.getShape().get(1));
		return new PseudoLabels(targets, mask, classes, confidences);
	}

}
