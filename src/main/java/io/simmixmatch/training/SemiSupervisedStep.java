package io.simmixmatch.training;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * One training step of any {@link Algorithm}, with a labeled batch of B images and M = mu
 * * B unlabeled images:
 * <ol>
 * <li>augment everything in batch tensor operations, each device's shard on its
 * device;</li>
 * <li>MixMatch: forward the K weak views of the unlabeled images once; their logits guess
 * the labels (averaged, sharpened, no gradient), their projections feed the contrastive
 * loss (with gradient). MixUp the labeled and unlabeled views with their targets and
 * forward the mixed batch in one pass (BatchNorm sees both, as MixMatch's interleaving
 * emulates): {@code loss = L_x + lambdaU * rampup * L_u + lambdaSim * L_sim};</li>
 * <li>FixMatch: forward the labeled views, one weak and one strong (RandAugment) view of
 * each unlabeled image in one pass; each weak view's confident prediction is the
 * pseudo-label of its strong view, and the projections of the two views are the
 * contrastive loss's pair:
 * {@code loss = L_x + lambdaPseudo * L_pseudo + lambdaSim * L_sim};</li>
 * <li>Adam step, EMA update.</li>
 * </ol>
 */
final class SemiSupervisedStep {

	private final Hyperparameters hp;

	private final Algorithm algorithm;

	private final List<Device> devices;

	private final Trainer trainer;

	private final ExponentialMovingAverage ema;

	private final TrainingData data;

	private final BatchAugmentation augmentation;

	private final SoftTargetCrossEntropyLoss supervisedLoss = new SoftTargetCrossEntropyLoss();

	private final ConsistencyLoss consistencyLoss = new ConsistencyLoss();

	private final PseudoLabelLoss pseudoLabelLoss = new PseudoLabelLoss();

	private final @Nullable ContrastiveLoss contrastiveLoss;

	private final @Nullable DistributionAlignment alignment;

	private final PseudoLabelWeighting weighting;

	private final TrainingSchedule schedule;

	SemiSupervisedStep(TrainingSetup setup, Trainer trainer, ExponentialMovingAverage ema, TrainingData data,
			@Nullable DistributionAlignment alignment, PseudoLabelWeighting weighting, TrainingSchedule schedule) {
		this.hp = setup.hyperparameters();
		this.algorithm = setup.algorithm();
		this.devices = setup.devices();
		this.trainer = trainer;
		this.ema = ema;
		this.data = data;
		this.augmentation = new BatchAugmentation(data.images().channels(), data.images().height(),
				(float) this.hp.colorJitter());
		int views = (this.algorithm.consistency() == Algorithm.Consistency.FIXMATCH) ? 2 : this.hp.k();
		this.contrastiveLoss = this.algorithm.contrastive()
				? new ContrastiveLoss(views, (float) this.hp.contrastiveTemperature()) : null;
		this.alignment = alignment;
		this.weighting = weighting;
		this.schedule = schedule;
	}

	/**
	 * Takes a step: the update of the weights and of their average included.
	 * @param step the step, from 0
	 * @return its losses and the time spent preparing its data
	 */
	Timing take(long step) {
		Algorithm.Consistency consistency = this.algorithm.consistency();
		boolean supervised = consistency == Algorithm.Consistency.NONE;
		try (NDScope scope = new NDScope(); NDManager manager = this.trainer.getManager().newSubManager()) {
			scope.suppressNotUsedWarning();
			long started = System.nanoTime();
			Engine.getInstance().setRandomSeed(StepRandomness.engineSeed(this.hp.seed(), step));
			UniformRandomProvider random = StepRandomness.of(this.hp.seed(), step);
			long[] labeled = StepRandomness.sample(this.data.split().labeled(), this.hp.batchSize(), random);
			long[] unlabeled = supervised ? new long[0] : StepRandomness.sample(this.data.split().unlabeled(),
					this.hp.batchSize() * this.hp.unlabeledRatio(), random);
			MixUp mixUp = (consistency == Algorithm.Consistency.MIXMATCH) ? new MixUp(this.hp.alpha(), random) : null;
			double weight = (mixUp != null) ? mixUp.sampleWeight() : 1;
			List<long[]> labeledShards = Shards.split(labeled, this.devices.size());
			List<long[]> unlabeledShards = Shards.split(unlabeled, this.devices.size());
			List<Shard> shards = new ArrayList<>(this.devices.size());
			for (int d = 0; d < this.devices.size(); d++) {
				shards.add(shard(labeledShards.get(d), unlabeledShards.get(d), mixUp, manager, this.devices.get(d)));
			}
			long dataNanos = System.nanoTime() - started;
			Losses losses = switch (consistency) {
				case NONE -> supervisedStep(shards);
				case MIXMATCH -> mixMatchStep(shards, weight, step);
				case FIXMATCH -> fixMatchStep(shards);
			};
			// After the gradient collector has closed: the updates must not be recorded.
			this.trainer.step();
			this.ema.update(step);
			return new Timing(losses, dataNanos);
		}
	}

	/**
	 * The images one step trains on.
	 * @return labeled plus unlabeled images (one view each)
	 */
	long imagesPerStep() {
		return this.hp.imagesTrainedPerStep(this.algorithm);
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

	// One device's part of a step: its images, augmented on that device.
	private Shard shard(long[] labeled, long[] unlabeled, @Nullable MixUp mixUp, NDManager manager, Device device) {
		NDManager shardManager = device.equals(manager.getDevice()) ? manager : manager.newSubManager(device);
		NDArray x = augmented(labeled, manager, shardManager, this.augmentation::apply);
		NDArray y = smoothed(this.data.oneHotLabels(labeled, manager), (float) this.hp.labelSmoothing())
			.toDevice(device, false);
		return switch (this.algorithm.consistency()) {
			case NONE -> new Shard(x, y, null, null, null, unlabeled);
			case MIXMATCH -> {
				NDArray u = views(unlabeled, manager, shardManager, this.augmentation::apply);
				NDArray strong = strongViews() ? views(unlabeled, manager, shardManager, this.augmentation::strong)
						: null;
				yield new Shard(x, y, u, strong, mixUp.samplePartners(labeled.length + (int) u.getShape().get(0)),
						unlabeled);
			}
			case FIXMATCH -> new Shard(x, y, augmented(unlabeled, manager, shardManager, this.augmentation::apply),
					augmented(unlabeled, manager, shardManager, this::strongView), null, unlabeled);
		};
	}

	/**
	 * Label smoothing.
	 * @param oneHot {@code (B, C)} one-hot targets
	 * @param epsilon the share of each target spread evenly over the classes
	 * @return {@code (1 - epsilon) * oneHot + epsilon / C}
	 */
	static NDArray smoothed(NDArray oneHot, float epsilon) {
		if (epsilon == 0) {
			return oneHot;
		}
		return oneHot.mul(1 - epsilon).add(epsilon / oneHot.getShape().get(1));
	}

	private NDArray views(long[] images, NDManager manager, NDManager shardManager, UnaryOperator<NDArray> augment) {
		NDList views = new NDList();
		for (int k = 0; k < this.hp.k(); k++) {
			views.add(augmented(images, manager, shardManager, augment));
		}
		return NDArrays.concat(views);
	}

	// FixMatch's strong view: the weak view's crop and flip, then RandAugment and Cutout.
	private NDArray strongView(NDArray images) {
		return RandAugment.apply(this.augmentation.apply(images));
	}

	private boolean strongViews() {
		return this.hp.contrastiveHasStrongViews(this.algorithm);
	}

	// Each device's loss is the mean over its shard; the parameter server sums the
	// devices' gradients, so 1/devices makes that sum the gradient of the whole batch.
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

	private Losses mixMatchStep(List<Shard> shards, double weight, long step) {
		boolean contrastive = this.contrastiveLoss != null;
		// The guessing pass needs a gradient only where its projections feed the
		// contrastive loss; otherwise it stays outside the recording.
		boolean recordGuess = contrastive && !strongViews();
		float share = 1f / shards.size();
		List<NDList> guessPasses = new ArrayList<>();
		if (!recordGuess) {
			shards.forEach((shard) -> guessPasses.add(this.trainer.forward(new NDList(shard.u()))));
		}
		double consistencyWeight = this.hp.lambdaU()
				* rampup(this.schedule.position(step), (long) this.hp.rampupEpochs() * this.hp.stepsPerEpoch());
		try (GradientCollector collector = this.trainer.newGradientCollector()) {
			Losses sum = Losses.ZERO;
			for (int d = 0; d < shards.size(); d++) {
				Shard shard = shards.get(d);
				int labeledCount = (int) shard.x().getShape().get(0);
				NDList unlabeledPass = recordGuess ? this.trainer.forward(new NDList(shard.u())) : guessPasses.get(d);
				NDArray guessed = LabelGuessing.guess(unlabeledPass.get(0), this.hp.k(), (float) this.hp.temperature());
				NDArray targets = shard.y().concat(guessed.tile(new long[] { this.hp.k(), 1 }));
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
					loss = loss.add(lossSim.mul((float) this.hp.lambdaSim()));
				}
				collector.backward(loss.mul(share));
				sum = sum.plus(new Losses(loss.getFloat(), lossX.getFloat(), lossU.getFloat(),
						(lossSim != null) ? lossSim.getFloat() : 0));
			}
			return sum.divide(shards.size());
		}
	}

	// One pass over the labeled, weak and strong views; the alignment and the weighting
	// learn from the step's weak views after every shard has been labeled.
	private Losses fixMatchStep(List<Shard> shards) {
		float share = 1f / shards.size();
		List<PseudoLabels> pseudoLabels = new ArrayList<>();
		try (GradientCollector collector = this.trainer.newGradientCollector()) {
			Losses sum = Losses.ZERO;
			for (Shard shard : shards) {
				long labeledCount = shard.x().getShape().get(0);
				long unlabeledCount = shard.u().getShape().get(0);
				NDList outputs = this.trainer
					.forward(new NDList(NDArrays.concat(new NDList(shard.x(), shard.u(), shard.strong()))));
				NDArray logits = outputs.get(0);
				NDArray lossX = this.supervisedLoss.evaluate(new NDList(shard.y()),
						new NDList(logits.get(":" + labeledCount)));
				PseudoLabels labels = PseudoLabels.of(logits.get(labeledCount + ":" + (labeledCount + unlabeledCount)),
						this.alignment, this.weighting);
				pseudoLabels.add(labels);
				NDArray lossU = this.pseudoLabelLoss.evaluate(new NDList(labels.targets(), labels.weights()),
						new NDList(logits.get((labeledCount + unlabeledCount) + ":")));
				NDArray loss = lossX.add(lossU.mul((float) this.hp.lambdaPseudo()));
				NDArray lossSim = null;
				if (this.contrastiveLoss != null) {
					lossSim = this.contrastiveLoss.evaluate(new NDList(),
							new NDList(outputs.get(1).get(labeledCount + ":")));
					loss = loss.add(lossSim.mul((float) this.hp.lambdaSim()));
				}
				collector.backward(loss.mul(share));
				sum = sum.plus(new Losses(loss.getFloat(), lossX.getFloat(), lossU.getFloat(),
						(lossSim != null) ? lossSim.getFloat() : 0));
			}
			long[] images = shards.stream().flatMapToLong((shard) -> LongStream.of(shard.unlabeled())).toArray();
			if (this.alignment != null) {
				this.alignment.learn(gathered(pseudoLabels, PseudoLabels::predicted));
			}
			this.weighting.learn(images, gathered(pseudoLabels, PseudoLabels::labeled));
			return sum.divide(shards.size());
		}
	}

	// The shards' probabilities of one kind, M x C by rows.
	private static float[] gathered(List<PseudoLabels> shards, Function<PseudoLabels, NDArray> kind) {
		List<float[]> parts = shards.stream().map(kind).map(NDArray::toFloatArray).toList();
		FloatBuffer all = FloatBuffer.allocate(parts.stream().mapToInt((part) -> part.length).sum());
		parts.forEach(all::put);
		return all.array();
	}

	// Gathered where the data set lives, augmented on the shard's device.
	private NDArray augmented(long[] indices, NDManager dataManager, NDManager shardManager,
			UnaryOperator<NDArray> augment) {
		NDArray batch = this.data.batch(indices, dataManager).toDevice(shardManager.getDevice(), false);
		batch.attach(shardManager);
		return this.data.normalization().apply(augment.apply(batch));
	}

	/**
	 * A step's losses and the time spent preparing its data.
	 *
	 * @param losses the mean losses over the devices
	 * @param dataNanos sampling, gathering and augmenting
	 */
	record Timing(Losses losses, long dataNanos) {
	}

	/**
	 * One device's part of a step.
	 *
	 * @param x its augmented labeled images
	 * @param y their targets: one-hot labels, smoothed by {@code labelSmoothing}
	 * @param u its unlabeled images in K augmented views, view after view, for MixMatch;
	 * in one weak view for FixMatch
	 * @param strong K strong views of the same images for MixMatch's contrastive loss,
	 * where it has views of its own; their RandAugment views for FixMatch
	 * @param partners its MixUp partners (MixMatch only)
	 * @param unlabeled the indices of its unlabeled images
	 */
	private record Shard(NDArray x, NDArray y, @Nullable NDArray u, @Nullable NDArray strong,
			long @Nullable [] partners, long[] unlabeled) {
	}

}
