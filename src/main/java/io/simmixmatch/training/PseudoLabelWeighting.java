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
	 * @return the weighting {@code hp.weighting()} names (a fixed threshold for the other
	 * algorithms); SoftMatch's aligns the probabilities it weighs unless the run aligns
	 * them already
	 */
	static PseudoLabelWeighting of(Hyperparameters hp, Algorithm algorithm, int classes, int images, int unlabeled) {
		Weighting weighting = (algorithm.consistency() == Algorithm.Consistency.FIXMATCH) ? hp.weighting()
				: Weighting.THRESHOLD;
		float threshold = (float) hp.threshold();
		return switch (weighting) {
			case THRESHOLD -> new PseudoLabelThresholds(threshold, false, classes, images, unlabeled);
			case FLEXMATCH -> new PseudoLabelThresholds(threshold, true, classes, images, unlabeled);
			case FREEMATCH -> new SelfAdaptiveThresholds(classes);
			case SOFTMATCH -> new SoftMatchWeights(classes, !hp.distributionAlignment());
		};
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
