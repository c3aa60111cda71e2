package io.simmixmatch.training;

import org.jspecify.annotations.Nullable;

/**
 * One epoch of a run.
 *
 * @param epoch the epoch, from 1
 * @param step steps done at its end
 * @param learningRate the learning rate at its end
 * @param losses the mean loss terms of its steps
 * @param validation accuracy of the EMA model on the validation set, null without one
 * @param imagesPerSecond training images per second over the epoch
 * @param dataShare share of the step time spent preparing batches
 * @param durationMillis its wall time, validation included
 * @param best whether it is the best epoch so far
 */
public record EpochResult(int epoch, long step, double learningRate, Losses losses, @Nullable Accuracy validation,
		double imagesPerSecond, double dataShare, long durationMillis, boolean best) {

}
