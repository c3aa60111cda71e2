package io.simmixmatch.training;

import java.util.Set;

/**
 * The training algorithms that share one loop. Each one adds loss terms to the one before
 * it, so the ablation of the original table is a single flag.
 */
public enum Algorithm {

	/** Cross entropy on the labeled batch only: the baseline. */
	SUPERVISED(1, Set.of()),

	/** Label guessing, sharpening, MixUp and the L2 consistency loss. */
	MIXMATCH(1, Set.of("unlabeledRatio", "k", "temperature", "alpha", "lambdaU", "rampupEpochs")),

	/** MixMatch plus the contrastive loss over K augmented views. */
	SIMMIXMATCH(2, Set.of("lambdaSim", "contrastiveTemperature", "strongContrastiveViews"));

	private final int minimumViews;

	private final Set<String> addedHyperparameters;

	Algorithm(int minimumViews, Set<String> addedHyperparameters) {
		this.minimumViews = minimumViews;
		this.addedHyperparameters = addedHyperparameters;
	}

	/**
	 * Whether the algorithm reads a hyperparameter: every one but those that only the
	 * algorithms after it add (SUPERVISED ignores {@code lambdaU}, MIXMATCH ignores
	 * {@code lambdaSim}). Two runs that differ only in ignored ones train alike.
	 * @param name a hyperparameter's name
	 * @return false if a later algorithm adds it
	 */
	public boolean uses(String name) {
		for (Algorithm later : values()) {
			if (later.compareTo(this) > 0 && later.addedHyperparameters.contains(name)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The smallest number of augmented views {@code k} the algorithm works with: the
	 * contrastive loss needs at least one positive per embedding.
	 * @return the minimum of {@link Hyperparameters#k()}
	 */
	public int minimumViews() {
		return this.minimumViews;
	}

}
