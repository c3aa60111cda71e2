package io.simmixmatch.training;

/**
 * The training algorithms that share one loop: a consistency method for the unlabeled
 * images (none, MixMatch's or FixMatch's), with or without SimMixMatch's contrastive loss
 * over views of them. The ablation of the original table, and of the contrastive term
 * where labels are scarcest, is a single flag.
 */
public enum Algorithm {

	/** Cross entropy on the labeled batch only: the baseline. */
	SUPERVISED(Consistency.NONE, false),

	/** Label guessing, sharpening, MixUp and the L2 consistency loss. */
	MIXMATCH(Consistency.MIXMATCH, false),

	/** MixMatch plus the contrastive loss over its K augmented views. */
	SIMMIXMATCH(Consistency.MIXMATCH, true),

	/**
	 * A weak view's confident prediction is the pseudo-label of a strong (RandAugment)
	 * view of the same image, weighed as {@code weighting} says (a fixed threshold,
	 * FlexMatch's or FreeMatch's thresholds, SoftMatch's weights); with
	 * {@code distributionAlignment}, labels and weights come from probabilities aligned
	 * to a uniform class distribution.
	 */
	FIXMATCH(Consistency.FIXMATCH, false),

	/** FixMatch plus the contrastive loss over the weak and the strong view. */
	SIMFIXMATCH(Consistency.FIXMATCH, true);

	/** How an algorithm learns from unlabeled images. */
	public enum Consistency {

		/** It does not. */
		NONE,

		/** Guessed labels, sharpened and mixed up, matched by an L2 loss. */
		MIXMATCH,

		/** Confident pseudo-labels of weak views, matched by strong views. */
		FIXMATCH

	}

	private final Consistency consistency;

	private final boolean contrastive;

	Algorithm(Consistency consistency, boolean contrastive) {
		this.consistency = consistency;
		this.contrastive = contrastive;
	}

	public Consistency consistency() {
		return this.consistency;
	}

	/**
	 * Whether the contrastive loss is one of its terms.
	 * @return true for SIMMIXMATCH and SIMFIXMATCH
	 */
	public boolean contrastive() {
		return this.contrastive;
	}

	/**
	 * Whether the algorithm reads a hyperparameter. Two runs that differ only in ones it
	 * ignores (SUPERVISED's {@code lambdaU}, MIXMATCH's {@code threshold}) train alike.
	 * @param name a hyperparameter's name
	 * @return false if only another algorithm reads it
	 */
	public boolean uses(String name) {
		return switch (name) {
			case "unlabeledRatio" -> this.consistency != Consistency.NONE;
			case "k", "temperature", "alpha", "lambdaU", "rampupEpochs" -> this.consistency == Consistency.MIXMATCH;
			case "threshold", "lambdaPseudo", "weighting", "distributionAlignment" ->
				this.consistency == Consistency.FIXMATCH;
			case "lambdaSim", "contrastiveTemperature" -> this.contrastive;
			case "strongContrastiveViews" -> this == SIMMIXMATCH;
			default -> true;
		};
	}

	/**
	 * The smallest number of augmented views {@code k} the algorithm works with:
	 * SimMixMatch's contrastive loss needs at least one positive per embedding among
	 * them.
	 * @return the minimum of {@link Hyperparameters#k()}
	 */
	public int minimumViews() {
		return (this == SIMMIXMATCH) ? 2 : 1;
	}

}
