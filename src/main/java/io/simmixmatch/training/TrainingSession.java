package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
 * One attempt at a run, open while it trains: the network and its exponential moving
 * average, the trainer and its optimizer, the data on the device, the pseudo-labels'
 * weighting, one step's maths, the schedule and the progress. Opened from a checkpoint,
 * it continues where that one was taken. Closing it frees their native memory.
 */
final class TrainingSession implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TrainingSession.class);

	final TrainingSetup setup;

	final Model model;

	final Model average;

	private final NDManager dataManager;

	final TrainingData data;

	private final Trainer trainer;

	final CheckpointableAdam optimizer;

	final @Nullable DistributionAlignment alignment;

	final PseudoLabelWeighting weighting;

	final TrainingProgress progress = new TrainingProgress();

	final TrainingSchedule schedule;

	final Tracker learningRate;

	final SemiSupervisedStep step;

	/**
	 * Opens a run from scratch, or from a checkpoint.
	 * @param setup the run
	 * @param resumeFrom a checkpoint to continue from, or null
	 * @throws IOException if the checkpoint cannot be read
	 */
	TrainingSession(TrainingSetup setup, @Nullable Path resumeFrom) throws IOException {
		this.setup = setup;
		Hyperparameters hp = setup.hyperparameters();
		int numClasses = setup.images().numClasses();
		GradMode.disable();
		try {
			this.model = Model.newInstance("simmixmatch", setup.device());
			this.average = Model.newInstance("simmixmatch-ema", setup.device());
			this.model.setBlock(SemiSupervisedNet.of(hp.model(), hp.batchNormMomentum(), numClasses));
			this.average.setBlock(SemiSupervisedNet.of(hp.model(), hp.batchNormMomentum(), numClasses));
			this.dataManager = NDManager.newBaseManager(setup.device());
			this.data = new TrainingData(setup.images(), setup.split(), this.dataManager);
			this.schedule = new TrainingSchedule(hp, this.progress, System::nanoTime);
			this.learningRate = this.schedule.learningRates(LearningRates.of(hp));
			this.optimizer = new CheckpointableAdam(hp.optimizer(), this.learningRate, (float) hp.weightDecay(),
					CheckpointableAdam.kernelsOf(this.model.getBlock()));
			CheckpointFile checkpoint = (resumeFrom != null) ? CheckpointFile.read(resumeFrom) : null;
			if (checkpoint != null) {
				// Before the trainer initializes: its parameter store keeps the arrays it
				// sees then, and loading replaces a parameter's array.
				checkpoint.loadModel(this.model.getBlock(), this.model.getNDManager());
			}
			DefaultTrainingConfig config = new DefaultTrainingConfig(new SoftTargetCrossEntropyLoss())
				.optOptimizer(this.optimizer)
				.optDevices(setup.devices().toArray(Device[]::new));
			this.trainer = this.model.newTrainer(config);
			Shape input = new Shape(1).addAll(this.data.imageShape());
			Engine.getInstance().setRandomSeed(StepRandomness.initializationSeed(hp.seed()));
			this.trainer.initialize(input);
			this.average.getBlock().initialize(this.average.getNDManager(), DataType.FLOAT32, input);
			this.alignment = (setup.algorithm().consistency() == Algorithm.Consistency.FIXMATCH
					&& hp.distributionAlignment()) ? new DistributionAlignment(numClasses) : null;
			this.weighting = PseudoLabelWeighting.of(hp, setup.algorithm(), numClasses, setup.images().size(),
					setup.split().unlabeled().length);
			if (checkpoint != null) {
				restore(checkpoint);
			}
			// Paired after the restore, which replaces the average's arrays
			ExponentialMovingAverage ema = new ExponentialMovingAverage(this.average.getBlock(), this.model.getBlock(),
					(float) hp.emaDecay());
			if (checkpoint == null) {
				ema.reset();
			}
			this.step = new SemiSupervisedStep(setup, this.trainer, ema, this.data, this.alignment, this.weighting,
					this.schedule);
		}
		catch (Throwable ex) {
			try {
				close();
			}
			catch (RuntimeException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	// The model is loaded already; the rest of the state follows it.
	private void restore(CheckpointFile checkpoint) throws IOException {
		CheckpointMetadata metadata = checkpoint.metadata();
		checkpoint.loadEma(this.average.getBlock(), this.average.getNDManager());
		Map<String, String> ids = new HashMap<>();
		this.model.getBlock().getParameters().forEach((pair) -> ids.put(pair.getKey(), pair.getValue().getId()));
		this.optimizer.restore(checkpoint.optimizerState(this.model.getNDManager()), ids, this.setup.devices());
		if (this.alignment != null) {
			this.alignment.restore(checkpoint.distributionAlignment());
		}
		this.weighting.restore(checkpoint.pseudoLabelWeighting());
		this.progress.restore(metadata);
		log.info("Resumed at epoch {}, step {}", metadata.epoch(), metadata.step());
	}

	// Whatever the constructor opened before it failed, in the reverse order; a resource
	// that is null was not opened.
	@Override
	public void close() {
		try (Model model = this.model;
				Model average = this.average;
				NDManager dataManager = this.dataManager;
				TrainingData data = this.data;
				Trainer trainer = this.trainer) {
			// closes them
		}
	}

}
