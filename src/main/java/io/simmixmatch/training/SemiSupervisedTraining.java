package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import ai.djl.Model;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run of any {@link Algorithm}: its state opened as a {@link TrainingSession}
 * (from scratch or from a checkpoint), the loop over epochs ({@link TrainingLoop}) with
 * the caller's listener and the {@link CheckpointListener}, and the test of the final and
 * the best model. Each step's randomness comes from the seed and the step alone
 * ({@link StepRandomness}), so a run resumed from a checkpoint repeats exactly the steps
 * it would have taken.
 */
public final class SemiSupervisedTraining {

	private static final Logger log = LoggerFactory.getLogger(SemiSupervisedTraining.class);

	private final TrainingSetup setup;

	public SemiSupervisedTraining(TrainingSetup setup) {
		this.setup = setup;
	}

	/**
	 * Trains from scratch, or from a checkpoint, until the last epoch or until asked to
	 * stop; a stop writes the LAST checkpoint at the current step.
	 * @param resumeFrom a checkpoint to continue from, or null
	 * @param listener hears about steps, epochs and checkpoints
	 * @param stopRequested polled before every step
	 * @return how the run ended
	 * @throws IOException if a checkpoint cannot be read or written
	 */
	public TrainingOutcome train(@Nullable Path resumeFrom, TrainingListener listener, BooleanSupplier stopRequested)
			throws IOException {
		long started = System.nanoTime();
		log.info("Training {} on {} ({} labeled, {} unlabeled images) on {}", this.setup.algorithm(),
				this.setup.images().name(), this.setup.split().labeled().length, this.setup.split().unlabeled().length,
				this.setup.devices());
		try (TrainingSession session = new TrainingSession(this.setup, resumeFrom)) {
			TrainingListener checkpoints = new CheckpointListener(session, listener);
			boolean completed = new TrainingLoop(session, TrainingListener.all(listener, checkpoints))
				.run(stopRequested);
			return outcome(session, completed, started);
		}
	}

	// The test numbers of the final average and of the best checkpoint, where the data
	// set has a test split, and the best checkpoint's class results on test, or on
	// validation where there is no test split (none where it has neither).
	private TrainingOutcome outcome(TrainingSession session, boolean completed, long started) throws IOException {
		Model average = session.average;
		TrainingData data = session.data;
		TrainingProgress progress = session.progress;
		Accuracy finalTest = null;
		Accuracy bestTest = null;
		ClassResults bestClasses = null;
		Path best = CheckpointListener.path(this.setup.checkpointDirectory(), CheckpointKind.BEST, 0);
		boolean hasTest = data.split().test().length > 0;
		if (completed && hasTest) {
			finalTest = measure(average, data, ClassResults.TEST).accuracy();
		}
		String classesSplit = hasTest ? ClassResults.TEST : ClassResults.VALIDATION;
		if (completed && Files.isRegularFile(best) && images(data, classesSplit).length > 0) {
			CheckpointFile.read(best).loadEma(average.getBlock(), average.getNDManager());
			Evaluation.Measurement measured = measure(average, data, classesSplit);
			bestTest = hasTest ? measured.accuracy() : null;
			bestClasses = measured.classes();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new TrainingOutcome(completed, progress.history(), progress.bestEpoch(),
				Files.isRegularFile(best) ? best : null, finalTest, bestTest, bestClasses,
				progress.meanImagesPerSecond(), progress.meanDataShare(), seconds);
	}

	private static Evaluation.Measurement measure(Model average, TrainingData data, String split) {
		return Objects.requireNonNull(
				Evaluation.measure(average.getBlock(), data, images(data, split), split, average.getNDManager()),
				"a split with images");
	}

	private static int[] images(TrainingData data, String split) {
		return split.equals(ClassResults.TEST) ? data.split().test() : data.split().validation();
	}

}
