package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run of any {@link Algorithm}, assembled from its parts: the network and its
 * exponential moving average, the optimizer, the data on the device, one step's maths
 * ({@link SemiSupervisedStep}), the loop over epochs ({@link TrainingLoop}) and the
 * checkpoints ({@link TrainingCheckpoints}). Each step's randomness comes from the seed
 * and the step alone ({@link StepRandomness}), so a run resumed from a checkpoint repeats
 * exactly the steps it would have taken.
 */
public final class SemiSupervisedTraining {

	private static final Logger log = LoggerFactory.getLogger(SemiSupervisedTraining.class);

	private final TrainingSetup setup;

	private final Hyperparameters hp;

	public SemiSupervisedTraining(TrainingSetup setup) {
		this.setup = setup;
		this.hp = setup.hyperparameters();
	}

	/**
	 * Trains from scratch, or from a checkpoint, until the last epoch or until asked to
	 * stop; a stop writes the LAST checkpoint at the current step.
	 * @param resumeFrom a checkpoint to continue from, or null
	 * @param observer hears about steps, epochs and checkpoints
	 * @param stopRequested polled before every step
	 * @return how the run ended
	 * @throws IOException if a checkpoint cannot be read or written
	 */
	public TrainingOutcome train(@Nullable Path resumeFrom, TrainingObserver observer, BooleanSupplier stopRequested)
			throws IOException {
		long started = System.nanoTime();
		GradMode.disable();
		log.info("Training {} on {} ({} labeled, {} unlabeled images) on {}", this.setup.algorithm(),
				this.setup.images().name(), this.setup.split().labeled().length, this.setup.split().unlabeled().length,
				this.setup.devices());
		int numClasses = this.setup.images().numClasses();
		try (Model model = Model.newInstance("simmixmatch", this.setup.device());
				Model average = Model.newInstance("simmixmatch-ema", this.setup.device());
				NDManager dataManager = NDManager.newBaseManager(this.setup.device());
				TrainingData data = new TrainingData(this.setup.images(), this.setup.split(), dataManager)) {
			model.setBlock(SemiSupervisedNet.of(this.hp.model(), numClasses));
			average.setBlock(SemiSupervisedNet.of(this.hp.model(), numClasses));
			TrainingProgress progress = new TrainingProgress();
			TrainingSchedule schedule = new TrainingSchedule(this.hp, progress, System::nanoTime);
			Tracker learningRate = schedule.learningRates(LearningRates.of(this.hp));
			CheckpointableAdam optimizer = new CheckpointableAdam(this.hp.optimizer(), learningRate,
					(float) this.hp.weightDecay(), CheckpointableAdam.kernelsOf(model.getBlock()));
			DefaultTrainingConfig config = new DefaultTrainingConfig(new SoftTargetCrossEntropyLoss())
				.optOptimizer(optimizer)
				.optDevices(this.setup.devices().toArray(Device[]::new));
			CheckpointFile checkpoint = (resumeFrom != null) ? CheckpointFile.read(resumeFrom) : null;
			if (checkpoint != null) {
				// Before the trainer initializes: its parameter store keeps the arrays it
				// sees then, and loading replaces a parameter's array.
				checkpoint.loadModel(model.getBlock(), model.getNDManager());
			}
			try (Trainer trainer = model.newTrainer(config)) {
				Shape input = new Shape(1).addAll(data.imageShape());
				Engine.getInstance().setRandomSeed(StepRandomness.initializationSeed(this.hp.seed()));
				trainer.initialize(input);
				average.getBlock().initialize(average.getNDManager(), DataType.FLOAT32, input);
				PseudoLabelThresholds thresholds = new PseudoLabelThresholds((float) this.hp.threshold(),
						this.hp.flexMatch() && this.setup.algorithm().consistency() == Algorithm.Consistency.FIXMATCH,
						numClasses, this.setup.images().size(), this.setup.split().unlabeled().length);
				TrainingCheckpoints checkpoints = new TrainingCheckpoints(this.setup, model, average, optimizer,
						thresholds, data.normalization(), observer);
				if (checkpoint != null) {
					checkpoints.restore(checkpoint, progress);
				}
				ExponentialMovingAverage ema = new ExponentialMovingAverage(average.getBlock(), model.getBlock(),
						(float) this.hp.emaDecay());
				if (resumeFrom == null) {
					ema.reset();
				}
				TrainingLoop loop = new TrainingLoop(this.hp, schedule, learningRate,
						new SemiSupervisedStep(this.setup, trainer, ema, data, thresholds, schedule), checkpoints,
						average, data, observer, progress);
				boolean completed = loop.run(stopRequested);
				return outcome(completed, progress, data, average, started);
			}
		}
	}

	// The test numbers of the final average and of the best checkpoint, where the data
	// set has a test split, and the best checkpoint's class results on test, or on
	// validation where there is no test split.
	private TrainingOutcome outcome(boolean completed, TrainingProgress progress, TrainingData data, Model average,
			long started) throws IOException {
		Accuracy finalTest = null;
		Accuracy bestTest = null;
		ClassResults bestClasses = null;
		Path best = TrainingCheckpoints.path(this.setup.checkpointDirectory(), CheckpointKind.BEST, 0);
		boolean hasTest = data.split().test().length > 0;
		if (completed && hasTest) {
			finalTest = measure(average, data, ClassResults.TEST).accuracy();
		}
		if (completed && Files.isRegularFile(best)) {
			CheckpointFile.read(best).loadEma(average.getBlock(), average.getNDManager());
			Evaluation.Measurement measured = measure(average, data,
					hasTest ? ClassResults.TEST : ClassResults.VALIDATION);
			bestTest = hasTest ? measured.accuracy() : null;
			bestClasses = measured.classes();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new TrainingOutcome(completed, List.copyOf(progress.history), progress.bestEpoch,
				Files.isRegularFile(best) ? best : null, finalTest, bestTest, bestClasses,
				progress.meanImagesPerSecond(), progress.meanDataShare(), seconds);
	}

	// A best checkpoint exists only where there are validation images, so the split
	// measured is never empty.
	private static Evaluation.Measurement measure(Model average, TrainingData data, String split) {
		int[] images = split.equals(ClassResults.TEST) ? data.split().test() : data.split().validation();
		return Objects.requireNonNull(
				Evaluation.measure(average.getBlock(), data, images, split, average.getNDManager()),
				"a split with images");
	}

}
