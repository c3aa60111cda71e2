package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training loop for SUPERVISED, MIXMATCH and SIMMIXMATCH. Per step, with a labeled
 * batch of B images and M = mu * B unlabeled images in K views:
 * <ol>
 * <li>augment everything in batch tensor operations;</li>
 * <li>forward the K views once: their logits guess the labels (averaged, sharpened, no
 * gradient), their projections feed the contrastive loss (with gradient);</li>
 * <li>MixUp the labeled and unlabeled views with their targets, forward the mixed batch
 * in one pass (BatchNorm sees both, as MixMatch's interleaving emulates);</li>
 * <li>{@code loss = L_x + lambdaU * rampup * L_u + lambdaSim * L_sim}, Adam step, EMA
 * update.</li>
 * </ol>
 * The randomness of step {@code t} (batch sampling, augmentation, MixUp) is derived from
 * the seed and {@code t} alone, so a run resumed from a checkpoint repeats exactly the
 * steps it would have taken, with no generator state to save.
 */
public final class SemiSupervisedTraining {

	private static final Logger log = LoggerFactory.getLogger(SemiSupervisedTraining.class);

	private static final int PROJECTION_DIM = 64;

	private final TrainingSetup setup;

	private final Hyperparameters hp;

	private final Tracker learningRate;

	public SemiSupervisedTraining(TrainingSetup setup) {
		this.setup = setup;
		this.hp = setup.hyperparameters();
		this.learningRate = LearningRates.of(this.hp);
	}

	/**
	 * Creates the network of an architecture for a number of classes.
	 * @param architecture the backbone
	 * @param numClasses the number of classes
	 * @return an uninitialized network
	 */
	public static SemiSupervisedNet network(ModelArchitecture architecture, int numClasses) {
		return new SemiSupervisedNet(Backbones.of(architecture), numClasses, PROJECTION_DIM);
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
			model.setBlock(network(this.hp.model(), numClasses));
			average.setBlock(network(this.hp.model(), numClasses));
			CheckpointableAdam optimizer = new CheckpointableAdam(this.hp.optimizer(), this.learningRate,
					(float) this.hp.weightDecay(), kernelIds(model)::contains);
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
				Engine.getInstance().setRandomSeed(seedOf(this.hp.seed(), -1));
				trainer.initialize(input);
				average.getBlock().initialize(average.getNDManager(), DataType.FLOAT32, input);
				Progress progress = (checkpoint != null) ? restore(checkpoint, model, average, optimizer)
						: new Progress();
				ExponentialMovingAverage ema = new ExponentialMovingAverage(average.getBlock(), model.getBlock(),
						(float) this.hp.emaDecay());
				if (resumeFrom == null) {
					ema.reset();
				}
				Loop loop = new Loop(trainer, model, average, ema, optimizer, data, observer, progress);
				boolean completed = loop.run(stopRequested);
				return outcome(completed, loop, data, average, started);
			}
		}
	}

	private Progress restore(CheckpointFile checkpoint, Model model, Model average, CheckpointableAdam optimizer)
			throws IOException {
		CheckpointMetadata metadata = checkpoint.metadata();
		checkpoint.loadEma(average.getBlock(), average.getNDManager());
		optimizer.restore(checkpoint.optimizerState(model.getNDManager()), parameterIds(model));
		log.info("Resumed at epoch {}, step {}", metadata.epoch(), metadata.step());
		Progress progress = new Progress();
		progress.step = metadata.step();
		progress.history.addAll(metadata.history());
		progress.best = metadata.best();
		progress.bestEpoch = metadata.bestEpoch();
		return progress;
	}

	private TrainingOutcome outcome(boolean completed, Loop loop, TrainingData data, Model average, long started)
			throws IOException {
		Progress progress = loop.progress;
		Accuracy finalTest = null;
		Accuracy bestTest = null;
		Path best = checkpointPath(CheckpointKind.BEST, 0);
		int[] test = data.split().test();
		if (completed && test.length > 0) {
			finalTest = Evaluation.accuracy(average.getBlock(), data, test, average.getNDManager());
			if (Files.isRegularFile(best)) {
				CheckpointFile.read(best).loadEma(average.getBlock(), average.getNDManager());
				bestTest = Evaluation.accuracy(average.getBlock(), data, test, average.getNDManager());
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new TrainingOutcome(completed, List.copyOf(progress.history), progress.bestEpoch,
				Files.isRegularFile(best) ? best : null, finalTest, bestTest, progress.meanImagesPerSecond(),
				progress.meanDataShare(), seconds);
	}

	Path checkpointPath(CheckpointKind kind, int epoch) {
		String name = switch (kind) {
			case BEST -> "best.ckpt";
			case LAST -> "last.ckpt";
			case PERIODIC -> "epoch-%04d.ckpt".formatted(epoch);
			case RELEASED -> throw new IllegalArgumentException("Only a promotion copies a RELEASED checkpoint");
		};
		return this.setup.checkpointDirectory().resolve(name);
	}

	/** The seed of the Java-side randomness of a step (batches, MixUp). */
	static long streamSeed(long seed, long step) {
		return seed * 0x9E3779B97F4A7C15L + step;
	}

	/** The seed of the engine's generator (initialization, augmentation) at a step. */
	static int seedOf(long seed, long step) {
		return Long.hashCode(streamSeed(seed, step) ^ 0x5DEECE66DL) & Integer.MAX_VALUE;
	}

	/** Where a run is; restored from a checkpoint on resume. */
	private static final class Progress {

		long step;

		final List<EpochResult> history = new ArrayList<>();

		@Nullable Accuracy best;

		int bestEpoch;

		double meanImagesPerSecond() {
			return this.history.stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(0);
		}

		double meanDataShare() {
			return this.history.stream().mapToDouble(EpochResult::dataShare).average().orElse(0);
		}

	}

	/** The loop over epochs and steps, with its collaborators. */
	private final class Loop {

		private final Trainer trainer;

		private final Model model;

		private final Model average;

		private final ExponentialMovingAverage ema;

		private final CheckpointableAdam optimizer;

		private final TrainingData data;

		private final TrainingObserver observer;

		private final Progress progress;

		private final BatchAugmentation augmentation;

		private final SoftTargetCrossEntropyLoss supervisedLoss = new SoftTargetCrossEntropyLoss();

		private final ConsistencyLoss consistencyLoss = new ConsistencyLoss();

		private final @Nullable ContrastiveLoss contrastiveLoss;

		Loop(Trainer trainer, Model model, Model average, ExponentialMovingAverage ema, CheckpointableAdam optimizer,
				TrainingData data, TrainingObserver observer, Progress progress) {
			this.trainer = trainer;
			this.model = model;
			this.average = average;
			this.ema = ema;
			this.optimizer = optimizer;
			this.data = data;
			this.observer = observer;
			this.progress = progress;
			this.augmentation = new BatchAugmentation(data.images().channels(), data.images().height(),
					(float) SemiSupervisedTraining.this.hp.colorJitter());
			this.contrastiveLoss = (SemiSupervisedTraining.this.setup.algorithm() == Algorithm.SIMMIXMATCH)
					? new ContrastiveLoss(SemiSupervisedTraining.this.hp.k(),
							(float) SemiSupervisedTraining.this.hp.contrastiveTemperature())
					: null;
		}

		boolean run(BooleanSupplier stopRequested) throws IOException {
			Hyperparameters hp = SemiSupervisedTraining.this.hp;
			while (this.progress.step < hp.totalSteps()) {
				int epoch = (int) (this.progress.step / hp.stepsPerEpoch()) + 1;
				long epochStarted = System.nanoTime();
				Losses sum = Losses.ZERO;
				long images = 0;
				long dataNanos = 0;
				long stepNanos = 0;
				int steps = 0;
				while (this.progress.step < (long) epoch * hp.stepsPerEpoch()) {
					if (stopRequested.getAsBoolean()) {
						writeCheckpoint(CheckpointKind.LAST, epoch - 1);
						log.info("Stopped at step {} of {}", this.progress.step, hp.totalSteps());
						return false;
					}
					long stepStarted = System.nanoTime();
					StepTiming timing = step(this.progress.step);
					stepNanos += System.nanoTime() - stepStarted;
					dataNanos += timing.dataNanos();
					this.progress.step++;
					steps++;
					sum = sum.plus(timing.losses());
					images += imagesPerStep();
					double imagesPerSecond = images / (stepNanos / 1e9);
					this.observer.onStep(new StepResult(this.progress.step, hp.totalSteps(), epoch, timing.losses(),
							learningRateAt(this.progress.step - 1), imagesPerSecond, (double) dataNanos / stepNanos));
				}
				endEpoch(epoch, sum.divide(steps), images / (stepNanos / 1e9), (double) dataNanos / stepNanos,
						epochStarted);
			}
			return true;
		}

		private void endEpoch(int epoch, Losses losses, double imagesPerSecond, double dataShare, long started)
				throws IOException {
			Hyperparameters hp = SemiSupervisedTraining.this.hp;
			Accuracy validation = Evaluation.accuracy(this.average.getBlock(), this.data,
					this.data.split().validation(), this.average.getNDManager());
			boolean best = this.progress.best == null || validation.isBetterThan(this.progress.best);
			if (best) {
				this.progress.best = validation;
				this.progress.bestEpoch = epoch;
			}
			EpochResult result = new EpochResult(epoch, this.progress.step, learningRateAt(this.progress.step - 1),
					losses, validation, imagesPerSecond, dataShare, (System.nanoTime() - started) / 1_000_000, best);
			this.progress.history.add(result);
			this.observer.onEpoch(result);
			Path last = writeCheckpoint(CheckpointKind.LAST, epoch);
			if (best) {
				keepCheckpoint(last, CheckpointKind.BEST, epoch);
			}
			if (epoch % hp.checkpointEvery() == 0) {
				keepCheckpoint(last, CheckpointKind.PERIODIC, epoch);
			}
		}

		// The same state serves every kind: serialize it once, copy the file.
		private void keepCheckpoint(Path last, CheckpointKind kind, int epoch) throws IOException {
			Path file = checkpointPath(kind, epoch);
			CheckpointFile.copy(last, file);
			this.observer.onCheckpoint(kind, epoch, file);
		}

		private StepTiming step(long step) {
			Hyperparameters hp = SemiSupervisedTraining.this.hp;
			boolean supervised = SemiSupervisedTraining.this.setup.algorithm() == Algorithm.SUPERVISED;
			List<Device> devices = SemiSupervisedTraining.this.setup.devices();
			try (NDScope scope = new NDScope(); NDManager manager = this.trainer.getManager().newSubManager()) {
				scope.suppressNotUsedWarning();
				long started = System.nanoTime();
				Engine.getInstance().setRandomSeed(seedOf(hp.seed(), step));
				// A long seed is expanded by SplitMix64: never the all-zero state.
				UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(streamSeed(hp.seed(), step));
				long[] labeled = sample(this.data.split().labeled(), hp.batchSize(), random);
				long[] unlabeled = supervised ? new long[0]
						: sample(this.data.split().unlabeled(), hp.batchSize() * hp.unlabeledRatio(), random);
				MixUp mixUp = supervised ? null : new MixUp(hp.alpha(), random);
				double weight = supervised ? 1 : mixUp.sampleWeight();
				List<long[]> labeledShards = Shards.split(labeled, devices.size());
				List<long[]> unlabeledShards = Shards.split(unlabeled, devices.size());
				List<Shard> shards = new ArrayList<>(devices.size());
				for (int d = 0; d < devices.size(); d++) {
					shards.add(shard(labeledShards.get(d), unlabeledShards.get(d), mixUp, manager, devices.get(d)));
				}
				long dataNanos = System.nanoTime() - started;
				Losses losses = supervised ? supervisedStep(shards) : semiSupervisedStep(shards, weight, step);
				updateWeights(step);
				return new StepTiming(losses, dataNanos);
			}
		}

		// One device's part of a step: its images, augmented on that device.
		private Shard shard(long[] labeled, long[] unlabeled, @Nullable MixUp mixUp, NDManager manager, Device device) {
			NDManager shardManager = device.equals(manager.getDevice()) ? manager : manager.newSubManager(device);
			NDArray x = augmented(labeled, manager, shardManager, this.augmentation::apply);
			NDArray y = this.data.oneHotLabels(labeled, manager).toDevice(device, false);
			if (mixUp == null) {
				return new Shard(x, y, null, null, null);
			}
			NDArray u = views(unlabeled, manager, shardManager, this.augmentation::apply);
			NDArray strong = strongViews() ? views(unlabeled, manager, shardManager, this.augmentation::strong) : null;
			return new Shard(x, y, u, strong, mixUp.samplePartners(labeled.length + (int) u.getShape().get(0)));
		}

		private NDArray views(long[] images, NDManager manager, NDManager shardManager,
				UnaryOperator<NDArray> augment) {
			NDList views = new NDList();
			for (int k = 0; k < SemiSupervisedTraining.this.hp.k(); k++) {
				views.add(augmented(images, manager, shardManager, augment));
			}
			return NDArrays.concat(views);
		}

		private boolean strongViews() {
			return this.contrastiveLoss != null && SemiSupervisedTraining.this.hp.strongContrastiveViews();
		}

		// Each device's loss is the mean over its shard; the parameter server sums the
		// devices' gradients, so 1/devices makes that sum the gradient of the whole
		// batch.
		private Losses supervisedStep(List<Shard> shards) {
			float share = 1f / shards.size();
			try (GradientCollector collector = this.trainer.newGradientCollector()) {
				Losses sum = Losses.ZERO;
				for (Shard shard : shards) {
					NDArray logits = this.trainer.forward(new NDList(shard.x())).get(0);
					NDArray loss = this.supervisedLoss.evaluate(new NDList(shard.y()), new NDList(logits));
					collector.backward(loss.mul(share));
					double value = loss.getFloat();
					sum = sum.plus(new Losses(value, value, 0, 0));
				}
				return sum.divide(shards.size());
			}
		}

		private Losses semiSupervisedStep(List<Shard> shards, double weight, long step) {
			Hyperparameters hp = SemiSupervisedTraining.this.hp;
			boolean contrastive = this.contrastiveLoss != null;
			// The guessing pass needs a gradient only where its projections feed the
			// contrastive loss; otherwise it stays outside the recording.
			boolean recordGuess = contrastive && !strongViews();
			float share = 1f / shards.size();
			List<NDList> guessPasses = new ArrayList<>();
			if (!recordGuess) {
				shards.forEach((shard) -> guessPasses.add(this.trainer.forward(new NDList(shard.u()))));
			}
			double consistencyWeight = hp.lambdaU() * rampup(step, (long) hp.rampupEpochs() * hp.stepsPerEpoch());
			try (GradientCollector collector = this.trainer.newGradientCollector()) {
				Losses sum = Losses.ZERO;
				for (int d = 0; d < shards.size(); d++) {
					Shard shard = shards.get(d);
					int labeledCount = (int) shard.x().getShape().get(0);
					NDList unlabeledPass = recordGuess ? this.trainer.forward(new NDList(shard.u()))
							: guessPasses.get(d);
					NDArray guessed = LabelGuessing.guess(unlabeledPass.get(0), hp.k(), (float) hp.temperature());
					NDArray targets = shard.y().concat(guessed.tile(new long[] { hp.k(), 1 }));
					NDList mixed = MixUp.mix(shard.x().concat(shard.u()), targets, weight, shard.partners());
					NDArray logits = this.trainer.forward(new NDList(mixed.get(0))).get(0);
					NDArray mixedTargets = mixed.get(1);
					NDArray lossX = this.supervisedLoss.evaluate(new NDList(mixedTargets.get(":" + labeledCount)),
							new NDList(logits.get(":" + labeledCount)));
					NDArray lossU = this.consistencyLoss.evaluate(new NDList(mixedTargets.get(labeledCount + ":")),
							new NDList(logits.get(labeledCount + ":")));
					NDArray loss = lossX.add(lossU.mul((float) consistencyWeight));
					NDArray lossSim = null;
					if (contrastive) {
						NDArray projections = (shard.strong() != null)
								? this.trainer.forward(new NDList(shard.strong())).get(1) : unlabeledPass.get(1);
						lossSim = this.contrastiveLoss.evaluate(new NDList(), new NDList(projections));
						loss = loss.add(lossSim.mul((float) hp.lambdaSim()));
					}
					collector.backward(loss.mul(share));
					sum = sum.plus(new Losses(loss.getFloat(), lossX.getFloat(), lossU.getFloat(),
							(lossSim != null) ? lossSim.getFloat() : 0));
				}
				return sum.divide(shards.size());
			}
		}

		// After the gradient collector has closed: the updates must not be recorded.
		private void updateWeights(long step) {
			this.trainer.step();
			this.ema.update(step);
		}

		// Gathered where the data set lives, augmented on the shard's device.
		private NDArray augmented(long[] indices, NDManager dataManager, NDManager shardManager,
				UnaryOperator<NDArray> augment) {
			NDArray batch = this.data.batch(indices, dataManager).toDevice(shardManager.getDevice(), false);
			batch.attach(shardManager);
			return this.data.normalization().apply(augment.apply(batch));
		}

		private long imagesPerStep() {
			Hyperparameters hp = SemiSupervisedTraining.this.hp;
			boolean unlabeled = SemiSupervisedTraining.this.setup.algorithm() != Algorithm.SUPERVISED;
			return (long) hp.batchSize() * (unlabeled ? 1 + hp.unlabeledRatio() : 1);
		}

		private Path writeCheckpoint(CheckpointKind kind, int epoch) throws IOException {
			Path file = checkpointPath(kind, epoch);
			TrainingSetup setup = SemiSupervisedTraining.this.setup;
			CheckpointMetadata metadata = new CheckpointMetadata(CheckpointMetadata.FORMAT_VERSION, setup.algorithm(),
					SemiSupervisedTraining.this.hp, setup.images().name(), setup.images().classNames(),
					setup.images().channels(), setup.images().height(), setup.images().width(),
					this.data.normalization(), epoch, this.progress.step, this.progress.best, this.progress.bestEpoch,
					List.copyOf(this.progress.history));
			try (NDScope scope = new NDScope()) {
				scope.suppressNotUsedWarning();
				CheckpointFile.write(file, metadata, this.model.getBlock(), this.average.getBlock(),
						this.optimizer.state(parameterNames(this.model)));
			}
			this.observer.onCheckpoint(kind, epoch, file);
			return file;
		}

	}

	private double learningRateAt(long step) {
		return this.learningRate.getNewValue((int) step);
	}

	private static Map<String, String> parameterNames(Model model) {
		Map<String, String> names = new HashMap<>();
		model.getBlock().getParameters().forEach((pair) -> names.put(pair.getValue().getId(), pair.getKey()));
		return names;
	}

	// The convolution and linear kernels: what decoupled weight decay shrinks.
	private static Set<String> kernelIds(Model model) {
		return model.getBlock()
			.getParameters()
			.values()
			.stream()
			.filter((parameter) -> parameter.getType() == Parameter.Type.WEIGHT)
			.map(Parameter::getId)
			.collect(Collectors.toSet());
	}

	private static Map<String, String> parameterIds(Model model) {
		Map<String, String> ids = new HashMap<>();
		model.getBlock().getParameters().forEach((pair) -> ids.put(pair.getKey(), pair.getValue().getId()));
		return ids;
	}

	/**
	 * The linear ramp-up of the consistency weight.
	 * @param step the step, from 0
	 * @param rampSteps the steps until full weight
	 * @return {@code step / rampSteps}, capped at 1; 1 without a ramp
	 */
	static double rampup(long step, long rampSteps) {
		return (rampSteps == 0) ? 1 : Math.min(1, (double) step / rampSteps);
	}

	// Without replacement when the pool is large enough, as an epoch over it would.
	static long[] sample(int[] pool, int count, UniformRandomProvider random) {
		if (pool.length < count) {
			return random.ints(count, 0, pool.length).mapToLong((i) -> pool[i]).toArray();
		}
		return random.ints(0, pool.length).distinct().limit(count).mapToLong((i) -> pool[i]).toArray();
	}

	/**
	 * One device's part of a step.
	 *
	 * @param x its augmented labeled images
	 * @param y their one-hot labels
	 * @param u its unlabeled images in K augmented views, view after view (not for
	 * SUPERVISED)
	 * @param strong K strong views of the same images for the contrastive loss, where it
	 * has views of its own
	 * @param partners its MixUp partners (not for SUPERVISED)
	 */
	private record Shard(NDArray x, NDArray y, @Nullable NDArray u, @Nullable NDArray strong,
			long @Nullable [] partners) {
	}

	private record StepTiming(Losses losses, long dataNanos) {
	}

}
