package io.simmixmatch.training;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * The evaluated, checkpointed and served weights: after every step,
 * {@code ema = decay * ema + (1 - decay) * weights} for every parameter, BatchNorm
 * running statistics included.
 */
final class ExponentialMovingAverage {

	private final List<NDArray> averages;

	private final List<NDArray> weights;

	private final float decay;

	/**
	 * Pairs the parameters of two blocks of the same architecture. Loading parameters
	 * replaces their arrays, so pair them after any checkpoint is loaded.
	 * @param average the block that holds the average
	 * @param model the block being trained
	 * @param decay the weight of the past, in [0, 1)
	 */
	ExponentialMovingAverage(Block average, Block model, float decay) {
		this.averages = average.getParameters().values().stream().map(Parameter::getArray).toList();
		this.weights = model.getParameters().values().stream().map(Parameter::getArray).toList();
		this.decay = decay;
		if (this.averages.size() != this.weights.size()) {
			throw new IllegalArgumentException("The average and the model differ in their parameters");
		}
	}

	/** Starts the average at the current weights, as a new run does. */
	void reset() {
		for (int i = 0; i < this.averages.size(); i++) {
			this.averages.get(i).set(this.weights.get(i).toByteBuffer());
		}
	}

	/** Moves the average towards the current weights; call outside gradient recording. */
	void update() {
		for (int i = 0; i < this.averages.size(); i++) {
			NDArray average = this.averages.get(i);
			try (NDArray step = this.weights.get(i).sub(average)) {
				average.addi(step.muli(1 - this.decay));
			}
		}
	}

}
