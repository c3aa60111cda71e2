package io.simmixmatch.training;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a run ended.
 *
 * @param completed false if it was stopped before its last step
 * @param history the curve, one result per epoch
 * @param bestEpoch the epoch of the best validation accuracy, 0 if none
 * @param bestCheckpoint the checkpoint of that epoch
 * @param finalTest test accuracy of the EMA model at the end
 * @param bestTest test accuracy of the best checkpoint
 * @param bestClasses the best checkpoint's first guesses class by class, on test, or on
 * validation where the data set has no test split
 * @param imagesPerSecond training images per second over the run
 * @param dataShare share of the step time spent preparing batches
 * @param wallSeconds the run's wall time
 */
public record TrainingOutcome(boolean completed, List<EpochResult> history, int bestEpoch,
		@Nullable Path bestCheckpoint, @Nullable Accuracy finalTest, @Nullable Accuracy bestTest,
		@Nullable ClassResults bestClasses, double imagesPerSecond, double dataShare, double wallSeconds) {

}
