package io.simmixmatch.training;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a checkpoint says about itself: enough to resume the run (position, best, curve)
 * and to serve the model (classes, image shape, normalization).
 *
 * @param formatVersion the checkpoint format
 * @param algorithm the algorithm
 * @param hyperparameters the hyperparameters
 * @param dataset the data set name
 * @param classNames class names by class id
 * @param channels image channels
 * @param height image height
 * @param width image width
 * @param normalization the evaluation transform
 * @param epoch epochs completed
 * @param step steps completed
 * @param trainedSeconds the time the run trained to get there
 * @param best the best validation accuracy so far
 * @param bestEpoch the epoch that reached it
 * @param history the curve so far
 */
public record CheckpointMetadata(int formatVersion, Algorithm algorithm, Hyperparameters hyperparameters,
		String dataset, List<String> classNames, int channels, int height, int width, Normalization normalization,
		int epoch, long step, double trainedSeconds, @Nullable Accuracy best, int bestEpoch,
		List<EpochResult> history) {

	static final int FORMAT_VERSION = 1;

}
