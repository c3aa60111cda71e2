package io.simmixmatch.datasets;

import java.time.Instant;
import java.util.List;

import io.simmixmatch.data.DatasetFormat;

/**
 * A data set as clients see it.
 *
 * @param id stable id that runs refer to
 * @param name display name
 * @param format how the images are stored
 * @param classNames class labels, indexed by class id
 * @param channels 1 for grayscale, 3 for RGB
 * @param height image height in pixels
 * @param width image width in pixels
 * @param trainSize images in the training set (labeled, validation and unlabeled)
 * @param testSize images in the held-out test set
 * @param createdAt when it was registered
 */
record DatasetResponse(String id, String name, DatasetFormat format, List<String> classNames, int channels, int height,
		int width, int trainSize, int testSize, Instant createdAt) {

	static DatasetResponse of(Dataset dataset) {
		return new DatasetResponse(dataset.getId(), dataset.getName(), dataset.getFormat(), dataset.getClassNames(),
				dataset.getImageChannels(), dataset.getImageHeight(), dataset.getImageWidth(), dataset.getTrainSize(),
				dataset.getTestSize(), dataset.getCreatedAt());
	}

}
