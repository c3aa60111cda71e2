package io.simmixmatch.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * How to split a data set for semi-supervised training, deterministically from a seed:
 * per class, a held-out test set (unless the data set brings its own), a validation set
 * and a few labeled images; every other training image is unlabeled, and so is every
 * image the data set itself has no label for.
 *
 * @param labelsPerClass labeled images per class
 * @param validationPerClass validation images per class
 * @param testPerClass test images per class, for data sets without a test set of their
 * own
 * @param seed the seed of the shuffle
 */
public record SplitPlan(int labelsPerClass, int validationPerClass, int testPerClass, long seed) {

	/**
	 * Test images held out per class where a data set has no test set of its own, as in
	 * the original ablation: the command line's default, and what the service holds out.
	 */
	public static final int TEST_PER_CLASS = 1_000;

	/**
	 * Splits a data set.
	 * @param images the data set
	 * @return the split
	 * @throws IllegalArgumentException if a class has too few images for the plan
	 */
	public DataSplit apply(ImageSet images) {
		boolean ownTest = images.predefinedTest().length > 0;
		boolean[] heldOut = new boolean[images.size()];
		Arrays.stream(images.predefinedTest()).forEach((index) -> heldOut[index] = true);
		List<Integer> labeled = new ArrayList<>();
		List<Integer> validation = new ArrayList<>();
		List<Integer> unlabeled = new ArrayList<>();
		List<Integer> test = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(this.seed);
		for (int label = 0; label < images.numClasses(); label++) {
			int[] members = shuffledMembers(images, label, heldOut, random);
			int needed = this.labelsPerClass + this.validationPerClass + (ownTest ? 0 : this.testPerClass);
			if (members.length < needed) {
				throw new IllegalArgumentException("Class '%s' of %s has %d training images; the split needs %d"
					.formatted(images.classNames().get(label), images.name(), members.length, needed));
			}
			int next = 0;
			if (!ownTest) {
				next = take(members, next, this.testPerClass, test);
			}
			next = take(members, next, this.validationPerClass, validation);
			next = take(members, next, this.labelsPerClass, labeled);
			take(members, next, members.length - next, unlabeled);
		}
		IntStream.range(0, images.size())
			.filter((index) -> images.labels()[index] == ImageSet.UNLABELED && !heldOut[index])
			.forEach(unlabeled::add);
		int[] testIndices = ownTest ? images.predefinedTest().clone() : sorted(test);
		return new DataSplit(sorted(labeled), sorted(validation), sorted(unlabeled), testIndices);
	}

	private static int[] shuffledMembers(ImageSet images, int label, boolean[] heldOut, SplittableRandom random) {
		int[] members = IntStream.range(0, images.size())
			.filter((index) -> images.labels()[index] == label && !heldOut[index])
			.toArray();
		for (int i = members.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = members[i];
			members[i] = members[j];
			members[j] = swap;
		}
		return members;
	}

	private static int take(int[] members, int from, int count, List<Integer> into) {
		for (int i = from; i < from + count; i++) {
			into.add(members[i]);
		}
		return from + count;
	}

	private static int[] sorted(List<Integer> indices) {
		return indices.stream().mapToInt(Integer::intValue).sorted().toArray();
	}

}
