package io.simmixmatch.training;

/**
 * One optimizer step.
 *
 * @param step steps done in the run, from 1
 * @param totalSteps steps of the whole run
 * @param epoch the epoch the step belongs to, from 1
 * @param losses its loss terms
 * @param learningRate its learning rate
 * @param imagesPerSecond training images (labeled and unlabeled) per second, over the
 * epoch so far
 * @param dataShare share of the step time spent sampling and augmenting the batch
 */
public record StepResult(long step, long totalSteps, int epoch, Losses losses, double learningRate,
		double imagesPerSecond, double dataShare) {

}
