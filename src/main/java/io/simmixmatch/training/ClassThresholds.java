package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * A weighting that keeps a pseudo-label or drops it by a threshold for its class:
 * FixMatch's, FlexMatch's or FreeMatch's.
 */
sealed interface ClassThresholds extends PseudoLabelWeighting permits PseudoLabelThresholds, SelfAdaptiveThresholds {

	/**
	 * Each class's threshold now.
	 * @return the thresholds by class id
	 */
	float[] current();

	/**
	 * 1 where a weak view's most probable class reaches that class's threshold, else 0.
	 */
	@Override
	default NDArray weigh(NDArray probabilities) {
		NDArray thresholds = probabilities.getManager().create(current());
		NDArray confident = probabilities.max(new int[] { 1 })
			.gte(thresholds.get(new NDIndex("{}", probabilities.argMax(1))));
		return confident.toType(DataType.FLOAT32, false);
	}

}
