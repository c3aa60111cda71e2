package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Cross entropy against probability targets, such as one-hot labels mixed by MixUp:
 * {@code -mean_n sum_c t[n,c] log softmax(logits)[n,c]}.
 */
public final class SoftTargetCrossEntropyLoss extends Loss {

	public SoftTargetCrossEntropyLoss() {
		super("SoftTargetCrossEntropyLoss");
	}

	/**
	 * @param labels the targets {@code (N, C)}, rows summing to 1
	 * @param predictions the logits {@code (N, C)}
	 * @return the scalar loss
	 */
	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		NDArray logProbabilities = predictions.head().logSoftmax(-1);
		return labels.head().mul(logProbabilities).sum(new int[] { -1 }).mean().neg();
	}

}
