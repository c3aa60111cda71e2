package io.simmixmatch.datasets;

import org.jspecify.annotations.Nullable;

/**
 * An uploaded data set's images by role, as its archive's folders split them.
 *
 * @param labeled labeled training images
 * @param validation validation images
 * @param test test images
 * @param unlabeled unlabeled training images
 */
public record SplitCounts(int labeled, @Nullable Integer validation, int test, @Nullable Integer unlabeled) {

	static @Nullable SplitCounts of(Dataset dataset) {
		Integer labeled = dataset.getLabeledCount();
		return (labeled != null) ? new SplitCounts(labeled, dataset.getValidationCount(), dataset.getTestSize(),
				dataset.getUnlabeledCount()) : null;
	}

}
