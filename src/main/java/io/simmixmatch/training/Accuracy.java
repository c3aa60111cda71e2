package io.simmixmatch.training;

/**
 * Top-1 and top-5 accuracy on a set of images.
 *
 * @param top1 share of images whose class is the first guess, 0 to 1
 * @param top5 share of images whose class is among the five first guesses, 0 to 1
 */
public record Accuracy(double top1, double top5) {

	/**
	 * The original rule for the best checkpoint: higher top-1, ties broken by top-5.
	 * @param other the accuracy to compare with
	 * @return whether this one is better
	 */
	public boolean isBetterThan(Accuracy other) {
		return this.top1 > other.top1 || (this.top1 == other.top1 && this.top5 > other.top5);
	}

}
