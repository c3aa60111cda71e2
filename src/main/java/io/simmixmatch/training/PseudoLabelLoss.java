package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * FixMatch's unlabeled loss: the cross entropy of the strong views' logits against their
 * weak views' pseudo-labels, weighed and averaged over all M images (a threshold's
 * unconfident ones count 0):
 * {@code -(1/M) sum_m weight[m] log softmax(logits)[m, label[m]]}.
 */
public final class PseudoLabelLoss extends Loss {

	public PseudoLabelLoss() {
		super("PseudoLabelLoss");
	}

	/**
	 * @param labels the one-hot pseudo-labels {@code (M, C)} and their weights
	 * {@code (M)}
	 * @param predictions the strong views' logits {@code (M, C)}
	 * @return the scalar loss
	 */
	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		NDArray crossEntropy = labels.get(0).mul(predictions.head().logSoftmax(-1)).sum(new int[] { -1 }).neg();
		return crossEntropy.mul(labels.get(1)).mean();
	}

}
