package io.simmixmatch.training;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainingScheduleTest {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong now = new AtomicLong(7 * SECOND);

	private final TrainingProgress progress = new TrainingProgress();

	@Test
	void aRunCountedInStepsIsAtItsStepAndEndsWithItsSteps() {
		TrainingSchedule schedule = schedule(0);
		schedule.start();
		this.now.addAndGet(3600 * SECOND);
		schedule.tick();

		assertThat(schedule.position(250)).isEqualTo(250);
		assertThat(schedule.expectedSteps(250)).isEqualTo(1000);
		assertThat(schedule.timeIsUp()).isFalse();
		assertThat(schedule.ended(999)).isFalse();
		assertThat(schedule.ended(1000)).isTrue();
		assertThat(this.progress.trainedSeconds()).isEqualTo(3600);
	}

	@Test
	void aBudgetedRunIsAsFarAlongAsTheShareOfItsTimeUsedOrOfItsStepsIfFurther() {
		// 1,000 steps or one minute: after 15 s, a quarter of the time
		TrainingSchedule schedule = schedule(1);
		schedule.start();
		this.now.addAndGet(15 * SECOND);
		schedule.tick();

		assertThat(schedule.position(100)).isEqualTo(250);
		assertThat(schedule.position(600)).isEqualTo(600);
		// 100 steps in 15 s: 400 in the minute
		assertThat(schedule.expectedSteps(100)).isEqualTo(400);
		assertThat(schedule.expectedSteps(600)).as("at most its steps").isEqualTo(1000);
		assertThat(schedule.learningRates((update) -> update).getNewValue(100)).isEqualTo(250);
		assertThat(schedule.ended(100)).isFalse();

		this.now.addAndGet(45 * SECOND);
		schedule.tick();

		assertThat(schedule.timeIsUp()).isTrue();
		assertThat(schedule.ended(400)).isTrue();
		assertThat(schedule.position(400)).isEqualTo(1000);
	}

	@Test
	void aResumedRunCountsTheTimeItsCheckpointTrained() {
		this.progress.trainedFor(30);
		TrainingSchedule schedule = schedule(1);
		schedule.start();
		this.now.addAndGet(15 * SECOND);
		schedule.tick();

		assertThat(this.progress.trainedSeconds()).isCloseTo(45, within(1e-9));
		assertThat(schedule.position(0)).isEqualTo(750);
	}

	private TrainingSchedule schedule(double maxMinutes) {
		Hyperparameters p = TrainingLoopTest.hyperparameters(10, 100);
		Hyperparameters hp = TrainingLoopTest.with(p, Map.of("maxMinutes", maxMinutes));
		return new TrainingSchedule(hp, this.progress, this.now::get);
	}

}
