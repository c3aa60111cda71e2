package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import ai.djl.Model;
import ai.djl.training.tracker.Tracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Epochs of steps: after each epoch the average model is evaluated on the validation set
 * and the checkpoints are written; observers hear about every step, epoch and checkpoint.
 * A run whose time is up ends its epoch there, with its evaluation and checkpoints.
 */
final class TrainingLoop {

	private static final Logger log = LoggerFactory.getLogger(TrainingLoop.class);

	private final Hyperparameters hp;

	private final TrainingSchedule schedule;

	private final Tracker learningRate;

	private final SemiSupervisedStep step;

	private final TrainingCheckpoints checkpoints;

	private final Model average;

	private final TrainingData data;

	private final TrainingObserver observer;

	private final TrainingProgress progress;

	TrainingLoop(Hyperparameters hp, TrainingSchedule schedule, Tracker learningRate, SemiSupervisedStep step,
			TrainingCheckpoints checkpoints, Model average, TrainingData data, TrainingObserver observer,
			TrainingProgress progress) {
		this.hp = hp;
		this.schedule = schedule;
		this.learningRate = learningRate;
		this.step = step;
		this.checkpoints = checkpoints;
		this.average = average;
		this.data = data;
		this.observer = observer;
		this.progress = progress;
	}

	/**
	 * Trains until the last epoch, until the time is up or until asked to stop; a stop
	 * writes the LAST checkpoint at the current step.
	 * @param stopRequested polled before every step
	 * @return whether the run completed
	 * @throws IOException if a checkpoint cannot be written
	 */
	boolean run(BooleanSupplier stopRequested) throws IOException {
		this.schedule.start();
		while (!this.schedule.ended(this.progress.step)) {
			int epoch = (int) (this.progress.step / this.hp.stepsPerEpoch()) + 1;
			long epochStarted = System.nanoTime();
			Losses sum = Losses.ZERO;
			long images = 0;
			long dataNanos = 0;
			long stepNanos = 0;
			int steps = 0;
			while (this.progress.step < (long) epoch * this.hp.stepsPerEpoch()
					&& (steps == 0 || !this.schedule.timeIsUp())) {
				if (stopRequested.getAsBoolean()) {
					this.checkpoints.write(CheckpointKind.LAST, epoch - 1, this.progress);
					log.info("Stopped at step {} of {}", this.progress.step, this.hp.totalSteps());
					return false;
				}
				long stepStarted = System.nanoTime();
				SemiSupervisedStep.Timing timing = this.step.take(this.progress.step);
				stepNanos += System.nanoTime() - stepStarted;
				dataNanos += timing.dataNanos();
				this.progress.step++;
				steps++;
				this.schedule.tick();
				sum = sum.plus(timing.losses());
				images += this.step.imagesPerStep();
				double imagesPerSecond = images / (stepNanos / 1e9);
				this.observer.onStep(new StepResult(this.progress.step, this.schedule.expectedSteps(this.progress.step),
						epoch, timing.losses(), learningRateAt(this.progress.step - 1), imagesPerSecond,
						(double) dataNanos / stepNanos));
			}
			endEpoch(epoch, sum.divide(steps), images / (stepNanos / 1e9), (double) dataNanos / stepNanos,
					epochStarted);
			this.schedule.tick();
		}
		return true;
	}

	private void endEpoch(int epoch, Losses losses, double imagesPerSecond, double dataShare, long started)
			throws IOException {
		Evaluation.Measurement measured = Evaluation.measure(this.average.getBlock(), this.data,
				this.data.split().validation(), ClassResults.VALIDATION, this.average.getNDManager());
		Accuracy validation = (measured != null) ? measured.accuracy() : null;
		boolean best = this.progress.validated(epoch, validation);
		EpochResult result = new EpochResult(epoch, this.progress.step, learningRateAt(this.progress.step - 1), losses,
				validation, imagesPerSecond, dataShare, (System.nanoTime() - started) / 1_000_000, best);
		this.progress.history.add(result);
		this.observer.onEpoch(result);
		Path last = this.checkpoints.write(CheckpointKind.LAST, epoch, this.progress);
		if (best) {
			this.checkpoints.keep(last, CheckpointKind.BEST, epoch);
		}
		if (epoch % this.hp.checkpointEvery() == 0) {
			this.checkpoints.keep(last, CheckpointKind.PERIODIC, epoch);
		}
	}

	private double learningRateAt(long step) {
		return this.learningRate.getNewValue((int) step);
	}

}
