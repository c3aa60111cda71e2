package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class TrainingListenerTest {

	private final List<String> heard = new ArrayList<>();

	@Test
	void allTellsEachListenerInItsOrder() throws IOException {
		TrainingListener all = TrainingListener.all(recorder("a"), recorder("b"));

		all.onStep(new StepResult(3, 10, 1, Losses.ZERO, 0.1, 100, 0.05));
		all.onCheckpoint(new CheckpointWritten(CheckpointKind.BEST, 1, 30, null, Path.of("best.ckpt")));
		all.onStop(1);

		assertThat(this.heard).containsExactly("a step 3", "b step 3", "a BEST 1", "b BEST 1", "a stop 1", "b stop 1");
	}

	@Test
	void aFailingListenerStopsTheOnesAfterIt() {
		TrainingListener failing = new TrainingListener() {
			@Override
			public void onStop(int epoch) throws IOException {
				throw new IOException("disk full");
			}
		};

		assertThatIOException().isThrownBy(() -> TrainingListener.all(failing, recorder("b")).onStop(2))
			.withMessage("disk full");
		assertThat(this.heard).isEmpty();
	}

	private TrainingListener recorder(String name) {
		return new TrainingListener() {

			@Override
			public void onStep(StepResult step) {
				TrainingListenerTest.this.heard.add(name + " step " + step.step());
			}

			@Override
			public void onCheckpoint(CheckpointWritten checkpoint) {
				TrainingListenerTest.this.heard.add(name + " " + checkpoint.kind() + " " + checkpoint.epoch());
			}

			@Override
			public void onStop(int epoch) {
				TrainingListenerTest.this.heard.add(name + " stop " + epoch);
			}

		};
	}

}
