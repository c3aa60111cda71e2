package io.simmixmatch.training;

import java.io.IOException;
import java.util.List;

/**
 * What the training loop tells the side effects of a run, in the order they happen:
 * steps, epochs, checkpoints, and a stop. The loop writes its checkpoints through one
 * ({@link CheckpointListener}); the command line prints what it hears, and the service's
 * workers persist it and measure it.
 */
public interface TrainingListener {

	/**
	 * Several listeners as one.
	 * @param listeners told in this order
	 * @return a listener that tells each of them
	 */
	static TrainingListener all(TrainingListener... listeners) {
		return new ListenerChain(List.of(listeners));
	}

	/**
	 * After every optimizer step.
	 * @param step the step
	 * @throws IOException if a side effect fails and the run must stop
	 */
	default void onStep(StepResult step) throws IOException {
	}

	/**
	 * After every epoch and its validation.
	 * @param epoch the epoch
	 * @throws IOException if a side effect fails and the run must stop
	 */
	default void onEpoch(EpochResult epoch) throws IOException {
	}

	/**
	 * After a checkpoint is written.
	 * @param checkpoint the file and what it holds
	 * @throws IOException if a side effect fails and the run must stop
	 */
	default void onCheckpoint(CheckpointWritten checkpoint) throws IOException {
	}

	/**
	 * When the run is asked to stop, before the step it would have taken next.
	 * @param epoch the last epoch completed
	 * @throws IOException if a side effect fails
	 */
	default void onStop(int epoch) throws IOException {
	}

}
