package io.simmixmatch.training;

import java.nio.file.Path;

import ai.djl.Device;
import io.simmixmatch.data.DataSplit;
import io.simmixmatch.data.ImageSet;

/**
 * Everything a training run needs.
 *
 * @param algorithm the algorithm
 * @param hyperparameters the hyperparameters
 * @param images the data set
 * @param split its split
 * @param device where to train
 * @param checkpointDirectory where checkpoints go
 */
public record TrainingSetup(Algorithm algorithm, Hyperparameters hyperparameters, ImageSet images, DataSplit split,
		Device device, Path checkpointDirectory) {

	public TrainingSetup {
		if (hyperparameters.k() < algorithm.minimumViews()) {
			throw new IllegalArgumentException(algorithm + " needs k >= " + algorithm.minimumViews());
		}
	}

}
