package io.simmixmatch.training;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * The evaluated, checkpointed and served weights. After step {@code t} (from 0), every
 * trained parameter moves {@code ema = d * ema + (1 - d) * w} with the warm-up
 * {@code d = min(decay, (1 + t) / (10 + t))}, so that a short run does not serve mostly
 * its initialization. BatchNorm's running statistics are not averaged but copied from the
 * model: they are measurements of the current weights' activations, not weights.
 */
final class ExponentialMovingAverage {

	private final List<Pair<NDArray, NDArray>> averaged = new ArrayList<>();

	private final List<Pair<NDArray, NDArray>> copied = new ArrayList<>();

	private final float decay;

	/**
	 * Pairs the parameters of two blocks of the same architecture. Loading parameters
	 * replaces their arrays, so pair them after any checkpoint is loaded.
	 * @param average the block that holds the average
	 * @param model the block being trained
	 * @param decay the weight of the past once warmed up, in [0, 1)
	 */
	ExponentialMovingAverage(Block average, Block model, float decay) {
		List<Parameter> averages = average.getParameters().values();
		List<Parameter> weights = model.getParameters().values();
		if (averages.size() != weights.size()) {
			throw new IllegalArgumentException("The average and the model differ in their parameters");
		}
		for (int i = 0; i < averages.size(); i++) {
			Pair<NDArray, NDArray> pair = new Pair<>(averages.get(i).getArray(), weights.get(i).getArray());
			(weights.get(i).requiresGradient() ? this.averaged : this.copied).add(pair);
		}
		this.decay = decay;
	}

	/**
	 * The weight of the past after a step.
	 * @param step the step just taken, from 0
	 * @return {@code min(decay, (1 + step) / (10 + step))}
	 */
	float decayAt(long step) {
		return (float) Math.min(this.decay, (1.0 + step) / (10.0 + step));
	}

	/** Starts the average at the current weights, as a new run does. */
	void reset() {
		this.averaged.forEach(ExponentialMovingAverage::copy);
		this.copied.forEach(ExponentialMovingAverage::copy);
	}

	/**
	 * Moves the average towards the current weights; call outside gradient recording.
	 * @param step the step just taken, from 0
	 */
	void update(long step) {
		float rate = 1 - decayAt(step);
		for (Pair<NDArray, NDArray> pair : this.averaged) {
			NDArray average = pair.getKey();
			try (NDArray towards = pair.getValue().sub(average)) {
				average.addi(towards.muli(rate));
			}
		}
		this.copied.forEach(ExponentialMovingAverage::copy);
	}

	// In place on the arrays' device: the average keeps its arrays.
	private static void copy(Pair<NDArray, NDArray> pair) {
		pair.getKey().muli(0).addi(pair.getValue());
	}

}
