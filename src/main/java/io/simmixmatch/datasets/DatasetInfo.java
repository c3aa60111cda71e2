package io.simmixmatch.datasets;

import io.simmixmatch.data.SplitPlan;
import org.jspecify.annotations.Nullable;

/**
 * What other modules need to know of a data set: to launch a run on it, or to describe a
 * model trained on it.
 *
 * @param id its id
 * @param status whether runs may use it (READY)
 * @param splitByLayout whether its split is its archive's layout, so that the split
 * hyperparameters do not apply
 * @param smallestClass the images of its smallest class, where known, for a split by plan
 * @param ownTestSplit whether it holds out its own test set, so a plan takes none
 * @param channels 1 for grayscale images, 3 for RGB
 * @param imageHeight the height its images are trained at
 * @param imageWidth their width
 * @param decodedBytes the bytes of all its images, decoded
 * @param counts its images by role where its archive's layout splits them, else null
 */
public record DatasetInfo(String id, DatasetStatus status, boolean splitByLayout, @Nullable Integer smallestClass,
		boolean ownTestSplit, int channels, int imageHeight, int imageWidth, long decodedBytes,
		@Nullable SplitCounts counts) {

	/**
	 * The images per class a split plan would take from it.
	 * @param labelsPerClass labeled images per class
	 * @param validationPerClass validation images per class
	 * @return their sum, with the plan's test images where the data set has none
	 */
	public int imagesPerClassFor(int labelsPerClass, int validationPerClass) {
		return labelsPerClass + validationPerClass + (this.ownTestSplit ? 0 : SplitPlan.TEST_PER_CLASS);
	}

}
