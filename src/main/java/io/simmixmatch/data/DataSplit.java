package io.simmixmatch.data;

/**
 * Indices into an {@link ImageSet}, by their role in training.
 *
 * @param labeled images whose labels training uses
 * @param validation images that choose the best checkpoint
 * @param unlabeled training images whose labels training never sees
 * @param test held-out images for the final numbers
 */
public record DataSplit(int[] labeled, int[] validation, int[] unlabeled, int[] test) {

}
