package io.simmixmatch.training;

import java.nio.file.Path;

/**
 * What a caller of the training loop hears about: steps, epochs and checkpoints. The
 * command line prints them; the service's workers persist them.
 */
public interface TrainingObserver {

	/**
	 * After every optimizer step.
	 * @param step the step
	 */
	default void onStep(StepResult step) {
	}

	/**
	 * After every epoch and its validation.
	 * @param epoch the epoch
	 */
	default void onEpoch(EpochResult epoch) {
	}

	/**
	 * After a checkpoint is written.
	 * @param kind why it was written
	 * @param epoch the epoch it was taken after
	 * @param file where it is
	 */
	default void onCheckpoint(CheckpointKind kind, int epoch, Path file) {
	}

}
