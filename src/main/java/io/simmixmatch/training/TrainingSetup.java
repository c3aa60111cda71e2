package io.simmixmatch.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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
 * @param devices where to train: with more than one, each step's batch is split among
 * them (data parallel) and their gradients are summed
 * @param checkpointDirectory where checkpoints go
 */
public record TrainingSetup(Algorithm algorithm, Hyperparameters hyperparameters, ImageSet images, DataSplit split,
		List<Device> devices, Path checkpointDirectory) {

	public TrainingSetup {
		if (hyperparameters.k() < algorithm.minimumViews()) {
			throw new IllegalArgumentException(algorithm + " needs k >= " + algorithm.minimumViews());
		}
		if (devices.isEmpty() || devices.size() != Set.copyOf(devices).size()) {
			throw new IllegalArgumentException("Train on one or more distinct devices, not " + devices);
		}
		if (hyperparameters.batchSize() < devices.size()) {
			throw new IllegalArgumentException(
					"A batch of " + hyperparameters.batchSize() + " cannot feed " + devices.size() + " devices");
		}
		devices = List.copyOf(devices);
	}

	public TrainingSetup(Algorithm algorithm, Hyperparameters hyperparameters, ImageSet images, DataSplit split,
			Device device, Path checkpointDirectory) {
		this(algorithm, hyperparameters, images, split, List.of(device), checkpointDirectory);
	}

	/**
	 * The device that holds the data set, the averaged model and the evaluation.
	 * @return the first device
	 */
	public Device device() {
		return this.devices.get(0);
	}

}
