package io.simmixmatch.training;

import java.util.function.LongSupplier;

import ai.djl.training.tracker.Tracker;

/**
 * Where a run is in its schedule. A run counted in steps is at its step. A run with a
 * time budget ({@link Hyperparameters#maxMinutes()}) is as far along as the share of its
 * minutes it has used, or of its steps if that is further: its learning-rate decay and
 * consistency ramp-up, which are written in steps, follow the clock, and it ends when its
 * time is up. The time counts every attempt of the run: a resumed run starts with the
 * time its checkpoint has trained.
 */
final class TrainingSchedule {

	private final long totalSteps;

	private final double budgetSeconds;

	private final TrainingProgress progress;

	private final LongSupplier nanoTime;

	private double secondsBefore;

	private long startedAt;

	/**
	 * @param hp the run's hyperparameters
	 * @param progress where the run is; its trained time is kept up to date
	 * @param nanoTime the clock, {@link System#nanoTime} outside tests
	 */
	TrainingSchedule(Hyperparameters hp, TrainingProgress progress, LongSupplier nanoTime) {
		this.totalSteps = hp.totalSteps();
		this.budgetSeconds = hp.maxMinutes() * 60;
		this.progress = progress;
		this.nanoTime = nanoTime;
	}

	/** Starts this attempt's clock, after the time earlier attempts trained. */
	void start() {
		this.secondsBefore = this.progress.trainedSeconds();
		this.startedAt = this.nanoTime.getAsLong();
	}

	/** Brings the trained time up to now. */
	void tick() {
		this.progress.trainedFor(this.secondsBefore + (this.nanoTime.getAsLong() - this.startedAt) / 1e9);
	}

	/**
	 * The step of the schedule written in steps that the run has reached.
	 * @param step the steps taken
	 * @return {@code step}, or for a budget the step at the share of the time used, if
	 * further (at most the last)
	 */
	long position(long step) {
		if (this.budgetSeconds == 0) {
			return step;
		}
		long byTime = Math.round(this.totalSteps * Math.min(1, this.progress.trainedSeconds() / this.budgetSeconds));
		return Math.max(step, byTime);
	}

	/**
	 * Whether the budget is spent.
	 * @return false for a run counted in steps
	 */
	boolean timeIsUp() {
		return this.budgetSeconds > 0 && this.progress.trainedSeconds() >= this.budgetSeconds;
	}

	/**
	 * Whether the run is done.
	 * @param step the steps taken
	 * @return whether its steps are done or its time is up
	 */
	boolean ended(long step) {
		return step >= this.totalSteps || timeIsUp();
	}

	/**
	 * The steps the run will have taken when it ends, at its pace so far.
	 * @param step the steps taken
	 * @return its steps, or fewer where its time runs out first
	 */
	long expectedSteps(long step) {
		if (this.budgetSeconds == 0 || this.progress.trainedSeconds() == 0) {
			return this.totalSteps;
		}
		double atThisPace = step * this.budgetSeconds / this.progress.trainedSeconds();
		return Math.max(step, Math.min(this.totalSteps, Math.round(atThisPace)));
	}

	/**
	 * The learning rates of a schedule written in steps, at the run's position in it.
	 * @param bySteps the learning rate of each step
	 * @return the learning rate of each update
	 */
	Tracker learningRates(Tracker bySteps) {
		return (update) -> bySteps.getNewValue((int) position(update));
	}

}
