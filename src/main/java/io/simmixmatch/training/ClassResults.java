package io.simmixmatch.training;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * A classifier's first guesses on one split, class by class: what one top-1 figure hides
 * where classes are imbalanced (a model that always answers the largest class scores its
 * share of the images in top-1, and 1 / classes in balanced accuracy).
 *
 * @param split the split measured: {@code test}, or {@code validation} where the data set
 * has no test split
 * @param classNames the classes, in label order
 * @param confusion {@code confusion[truth][guess]}: the images of class {@code truth}
 * whose first guess was {@code guess}
 */
public record ClassResults(String split, List<String> classNames, long[][] confusion) {

	/** The split of a data set's test images. */
	public static final String TEST = "test";

	/** The split of its validation images, measured where it has no test split. */
	public static final String VALIDATION = "validation";

	public ClassResults {
		Objects.requireNonNull(split, "split");
		int classes = classNames.size();
		if (confusion.length != classes || Arrays.stream(confusion).anyMatch((row) -> row.length != classes)) {
			throw new IllegalArgumentException(
					"A confusion matrix of " + classes + " classes is " + classes + " x " + classes);
		}
		classNames = List.copyOf(classNames);
	}

	/**
	 * Counts first guesses against the truth.
	 * @param split the split the images come from
	 * @param classNames the classes
	 * @param truth each image's class
	 * @param guesses each image's first guess
	 * @return the results
	 */
	public static ClassResults of(String split, List<String> classNames, int[] truth, int[] guesses) {
		if (truth.length != guesses.length) {
			throw new IllegalArgumentException(truth.length + " labels for " + guesses.length + " guesses");
		}
		long[][] confusion = new long[classNames.size()][classNames.size()];
		for (int i = 0; i < truth.length; i++) {
			confusion[truth[i]][guesses[i]]++;
		}
		return new ClassResults(split, classNames, confusion);
	}

	/**
	 * The images whose first guess is their class.
	 * @return the sum of the diagonal
	 */
	public long correct() {
		return IntStream.range(0, this.confusion.length).mapToLong((label) -> this.confusion[label][label]).sum();
	}

	/**
	 * The images of a class in the split.
	 * @param label the class
	 * @return the sum of its row
	 */
	public long images(int label) {
		return Arrays.stream(this.confusion[label]).sum();
	}

	/**
	 * The share of a class's images whose first guess is that class (its recall).
	 * @param label the class
	 * @return 0 to 1, or null where the split has no image of it
	 */
	public @Nullable Double accuracy(int label) {
		long images = images(label);
		return (images > 0) ? (double) this.confusion[label][label] / images : null;
	}

	/**
	 * The mean of the classes' accuracies, each class counting once however many images
	 * it has; classes without images in the split are left out.
	 * @return 0 to 1, or null where the split has no images
	 */
	public @Nullable Double balancedAccuracy() {
		double[] accuracies = IntStream.range(0, this.classNames.size())
			.mapToObj(this::accuracy)
			.filter(Objects::nonNull)
			.mapToDouble(Double::doubleValue)
			.toArray();
		return (accuracies.length > 0) ? Arrays.stream(accuracies).average().getAsDouble() : null;
	}

}
