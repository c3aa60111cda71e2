package io.simmixmatch.training;

/**
 * The training algorithms that share one loop. Each one adds loss terms to the one before
 * it, so the ablation of the original table is a single flag.
 */
public enum Algorithm {

	/** Cross entropy on the labeled batch only: the baseline. */
	SUPERVISED(1),

	/** Label guessing, sharpening, MixUp and the L2 consistency loss. */
	MIXMATCH(1),

	/** MixMatch plus the contrastive loss over K augmented views. */
	SIMMIXMATCH(2);

	private final int minimumViews;

	Algorithm(int minimumViews) {
		this.minimumViews = minimumViews;
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
