package io.simmixmatch.training;

/**
 * The loss terms of a step or the mean over an epoch; a term the algorithm lacks is 0.
 *
 * @param total the optimized loss
 * @param supervised L_x
 * @param consistency L_u, before its weight
 * @param contrastive L_sim, before its weight
 */
public record Losses(double total, double supervised, double consistency, double contrastive) {

	static final Losses ZERO = new Losses(0, 0, 0, 0);

	Losses plus(Losses other) {
		return new Losses(this.total + other.total, this.supervised + other.supervised,
				this.consistency + other.consistency, this.contrastive + other.contrastive);
	}

	Losses divide(double count) {
		return new Losses(this.total / count, this.supervised / count, this.consistency / count,
				this.contrastive / count);
	}

}
