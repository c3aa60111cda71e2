package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * MixMatch's unlabeled loss: the mean squared error between the predicted class
 * probabilities and the (guessed, mixed) targets, averaged over images and classes.
 */
public final class ConsistencyLoss extends Loss {

	public ConsistencyLoss() {
		super("ConsistencyLoss");
	}

	/**
	 * @param labels the targets {@code (N, C)}
	 * @param predictions the logits {@code (N, C)}
	 * @return the scalar loss
	 */
	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		return predictions.head().softmax(-1).sub(labels.head()).square().mean();
	}

}
