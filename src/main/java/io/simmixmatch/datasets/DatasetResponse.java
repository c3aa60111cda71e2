package io.simmixmatch.datasets;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.simmixmatch.data.DatasetFormat;
import org.jspecify.annotations.Nullable;

/**
 * A data set as clients see it.
 *
 * @param id stable id that runs refer to
 * @param name display name
 * @param format how the images are stored
 * @param status where it is in its life: uploads are IMPORTING, then READY or FAILED
 * @param error why its import failed
 * @param progress images decoded so far of those planned, while it imports
 * @param classNames class labels, indexed by class id
 * @param channels 1 for grayscale, 3 for RGB
 * @param height image height in pixels
 * @param width image width in pixels
 * @param trainSize images in the training set (labeled, validation and unlabeled); null
 * until an upload's import has counted them
 * @param testSize images in the held-out test set; null until counted
 * @param counts images by their role in an uploaded data set's split, once READY
 * @param labeledPerClass labeled training images of each class, once READY
 * @param skipped files an import left out, by reason
 * @param createdAt when it was registered
 */
record DatasetResponse(String id, String name, DatasetFormat format, DatasetStatus status, @Nullable String error,
		@Nullable Progress progress, List<String> classNames, int channels, int height, int width,
		@Nullable Integer trainSize, @Nullable Integer testSize, @Nullable SplitCounts counts,
		@Nullable Map<String, Integer> labeledPerClass, @Nullable Map<String, Integer> skipped, Instant createdAt) {

	static DatasetResponse of(Dataset dataset) {
		Progress progress = (dataset.getFormat() == DatasetFormat.UPLOADED)
				? new Progress(dataset.getImagesDecoded(), dataset.getImagesPlanned()) : null;
		SplitCounts counts = SplitCounts.of(dataset);
		boolean counted = counts != null || dataset.getFormat() != DatasetFormat.UPLOADED;
		return new DatasetResponse(dataset.getId(), dataset.getName(), dataset.getFormat(), dataset.getStatus(),
				dataset.getError(), progress, dataset.getClassNames(), dataset.getImageChannels(),
				dataset.getImageHeight(), dataset.getImageWidth(), counted ? dataset.getTrainSize() : null,
				counted ? dataset.getTestSize() : null, counts, byClass(dataset), dataset.getSkipped(),
				dataset.getCreatedAt());
	}

	private static @Nullable Map<String, Integer> byClass(Dataset dataset) {
		List<Integer> counts = dataset.getLabeledPerClass();
		if (counts == null) {
			return null;
		}
		Map<String, Integer> byClass = new LinkedHashMap<>();
		for (int label = 0; label < counts.size(); label++) {
			byClass.put(dataset.getClassNames().get(label), counts.get(label));
		}
		return byClass;
	}

	/**
	 * An import's progress.
	 *
	 * @param decoded images decoded so far
	 * @param planned images to decode
	 */
	record Progress(int decoded, int planned) {
	}

}
