package io.simmixmatch.training;

import java.io.IOException;
import java.util.List;

/**
 * Listeners told in their order, for {@link TrainingListener#all}.
 */
final class ListenerChain implements TrainingListener {

	private final List<TrainingListener> listeners;

	ListenerChain(List<TrainingListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void onStep(StepResult step) throws IOException {
		tell((listener) -> listener.onStep(step));
	}

	@Override
	public void onEpoch(EpochResult epoch) throws IOException {
		tell((listener) -> listener.onEpoch(epoch));
	}

	@Override
	public void onCheckpoint(CheckpointWritten checkpoint) throws IOException {
		tell((listener) -> listener.onCheckpoint(checkpoint));
	}

	@Override
	public void onStop(int epoch) throws IOException {
		tell((listener) -> listener.onStop(epoch));
	}

	private void tell(Message message) throws IOException {
		for (TrainingListener listener : this.listeners) {
			message.to(listener);
		}
	}

	private interface Message {

		void to(TrainingListener listener) throws IOException;

	}

}
