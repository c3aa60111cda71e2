package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;

/**
 * How much FixMatch's loss counts each weak view's pseudo-label: 0 or 1 by a confidence
 * threshold (FixMatch's, FlexMatch's, FreeMatch's), or a weight in [0, 1] (SoftMatch's).
 * Each learns from a step's weak views once all of its shards are weighed, and a
 * checkpoint keeps what it learned.
 */
sealed interface PseudoLabelWeighting permits ClassThresholds, SoftMatchWeights {

	/**
	 * The weighting a run's hyperparameters ask for.
	 * @param hp the run's hyperparameters
	 * @param algorithm the run's algorithm (only FixMatch's consistency weighs)
	 * @param classes the number of classes
	 * @param images the images of the data set
	 * @param unlabeled how many of them are unlabeled
	 * @return SoftMatch's weights where {@code softMatch} (which align the probabilities
	 * they weigh unless the run aligns them already), FreeMatch's thresholds where
	 * {@code freeMatch}, otherwise tau or FlexMatch's
	 */
	static PseudoLabelWeighting of(Hyperparameters hp, Algorithm algorithm, int classes, int images, int unlabeled) {
		boolean fixMatch = algorithm.consistency() == Algorithm.Consistency.FIXMATCH;
		if (fixMatch && hp.softMatch()) {
			return new SoftMatchWeights(classes, !hp.distributionAlignment());
		}
		if (fixMatch && hp.freeMatch()) {
			return new SelfAdaptiveThresholds(classes);
		}
		return new PseudoLabelThresholds((float) hp.threshold(), fixMatch && hp.flexMatch(), classes, images,
				unlabeled);
	}

	/**
	 * The weights of weak views' pseudo-labels.
	 * @param probabilities {@code (M, C)} the weak views' class probabilities
	 * @return {@code (M)} the weight of each one's most probable class
	 */
	NDArray weigh(NDArray probabilities);

	/**
	 * Learns from the weak views of a step.
	 * @param images the unlabeled images' indices, {@code M}
	 * @param probabilities their class probabilities, {@code M x C} by rows
	 */
	void learn(long[] images, float[] probabilities);

	/**
	 * What a checkpoint keeps.
	 * @return the state's bytes, none where there is nothing to keep
	 */
	byte[] state();

	/**
	 * Takes back the state a checkpoint kept.
	 * @param state what {@link #state()} returned
	 */
	void restore(byte[] state);

}
