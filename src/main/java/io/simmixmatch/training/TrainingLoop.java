package io.simmixmatch.training;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Epochs of steps: after each epoch the average model is evaluated on the validation set.
 * The listener hears about every step and epoch, and about a stop; what a run does beyond
 * training (checkpoints, a console, a ledger, metrics) is done by listeners. A run whose
 * time is up ends its epoch there, with its evaluation.
 */
final class TrainingLoop {

	private static final Logger log = LoggerFactory.getLogger(TrainingLoop.class);

	private final TrainingSession session;

	private final TrainingProgress progress;

	private final TrainingSchedule schedule;

	private final int stepsPerEpoch;

	private final TrainingListener listener;

	/**
	 * @param session the run's state
	 * @param listener told what happens
	 */
	TrainingLoop(TrainingSession session, TrainingListener listener) {
		this.session = session;
		this.progress = session.progress;
		this.schedule = session.schedule;
		this.stepsPerEpoch = session.setup.hyperparameters().stepsPerEpoch();
		this.listener = listener;
	}

	/**
	 * Trains until the last epoch, until the time is up or until asked to stop.
	 * @param stopRequested polled before every step
	 * @return whether the run completed
	 * @throws IOException if a listener fails
	 */
	boolean run(BooleanSupplier stopRequested) throws IOException {
		this.schedule.start();
		while (!this.schedule.ended(this.progress.step())) {
			int epoch = (int) (this.progress.step() / this.stepsPerEpoch) + 1;
			long epochStarted = System.nanoTime();
			Losses sum = Losses.ZERO;
			long images = 0;
			long dataNanos = 0;
			long stepNanos = 0;
			int steps = 0;
			while (this.progress.step() < (long) epoch * this.stepsPerEpoch
					&& (steps == 0 || !this.schedule.timeIsUp())) {
				if (stopRequested.getAsBoolean()) {
					this.listener.onStop(epoch - 1);
					log.info("Stopped at step {} of {}", this.progress.step(),
							this.session.setup.hyperparameters().totalSteps());
					return false;
				}
				long stepStarted = System.nanoTime();
				SemiSupervisedStep.Timing timing = this.session.step.take(this.progress.step());
				stepNanos += System.nanoTime() - stepStarted;
				dataNanos += timing.dataNanos();
				this.progress.stepTaken();
				steps++;
				this.schedule.tick();
				sum = sum.plus(timing.losses());
				images += this.session.step.imagesPerStep();
				long step = this.progress.step();
				StepResult result = new StepResult(step, this.schedule.expectedSteps(step), epoch, timing.losses(),
						learningRateAt(step - 1), images / (stepNanos / 1e9), (double) dataNanos / stepNanos);
				this.listener.onStep(result);
			}
			endEpoch(epoch, sum.divide(steps), images / (stepNanos / 1e9), (double) dataNanos / stepNanos,
					epochStarted);
			this.schedule.tick();
		}
		return true;
	}

	private void endEpoch(int epoch, Losses losses, double imagesPerSecond, double dataShare, long started)
			throws IOException {
		TrainingData data = this.session.data;
		Evaluation.Measurement measured = Evaluation.measure(this.session.average.getBlock(), data,
				data.split().validation(), ClassResults.VALIDATION, this.session.average.getNDManager());
		EpochResult result = this.progress.recordEpoch(epoch, learningRateAt(this.progress.step() - 1), losses,
				(measured != null) ? measured.accuracy() : null, imagesPerSecond, dataShare,
				(System.nanoTime() - started) / 1_000_000);
		this.listener.onEpoch(result);
	}

	private double learningRateAt(long step) {
		return this.session.learningRate.getNewValue((int) step);
	}

}
