package io.simmixmatch.training;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.tracker.Tracker;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** MixUp, ramp-up, EMA and the optimizer against values computed by hand. */
class TrainingMathTest {

	private final NDManager manager = NDManager.newBaseManager();

	// These tests update weights in place, as the training loop does on its own thread.
	@BeforeEach
	void recordNothingOnThisThread() {
		GradMode.disable();
	}

	@AfterEach
	void close() {
		this.manager.close();
	}

	@Test
	void mixUpKeepsTheLargerWeightOnTheOriginal() {
		assertThat(MixUp.dominant(0.3)).isEqualTo(0.7);
		assertThat(MixUp.dominant(0.8)).isEqualTo(0.8);
		MixUp mixUp = new MixUp(0.75, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
		assertThat(DoubleStream.generate(mixUp::sampleWeight).limit(1000))
			.allSatisfy((weight) -> assertThat(weight).isBetween(0.5, 1.0));
	}

	@Test
	void mixUpBlendsInputsAndTargetsWithTheSamePartners() {
		NDArray inputs = this.manager.create(new float[] { 1, 3, 10 }, new Shape(3, 1));
		NDArray targets = this.manager.create(new float[] { 1, 0, 0, 1, 0.5f, 0.5f }, new Shape(3, 2));

		NDList mixed = MixUp.mix(inputs, targets, 0.75, new long[] { 1, 2, 0 });

		// 0.75 * own + 0.25 * partner's
		assertThat(mixed.get(0).toFloatArray()).containsExactly(new float[] { 1.5f, 4.75f, 7.75f }, within(1e-6f));
		assertThat(mixed.get(1).toFloatArray())
			.containsExactly(new float[] { 0.75f, 0.25f, 0.125f, 0.875f, 0.625f, 0.375f }, within(1e-6f));
	}

	@Test
	void mixUpIsReproducibleFromItsSeed() {
		MixUp first = new MixUp(0.75, RandomSource.XO_RO_SHI_RO_128_PP.create(99L));
		MixUp second = new MixUp(0.75, RandomSource.XO_RO_SHI_RO_128_PP.create(99L));

		assertThat(first.sampleWeight()).isEqualTo(second.sampleWeight());
		assertThat(first.samplePartners(50)).containsExactly(second.samplePartners(50))
			.containsExactlyInAnyOrder(LongStream.range(0, 50).toArray());
	}

	@Test
	void rampupIsLinearThenFlat() {
		assertThat(SemiSupervisedStep.rampup(0, 400)).isZero();
		assertThat(SemiSupervisedStep.rampup(100, 400)).isEqualTo(0.25);
		assertThat(SemiSupervisedStep.rampup(400, 400)).isEqualTo(1);
		assertThat(SemiSupervisedStep.rampup(1000, 400)).isEqualTo(1);
		assertThat(SemiSupervisedStep.rampup(0, 0)).isEqualTo(1);
	}

	@Test
	void emaStartsAtTheWeightsAndMovesByOneMinusDecay() {
		Block model = linear(2f);
		Block average = linear(-5f);
		ExponentialMovingAverage ema = new ExponentialMovingAverage(average, model, 0.9f);
		ema.reset();
		assertThat(weights(average)).containsOnly(2f);

		setWeights(model, 12f);
		ema.update(1000);

		// warmed up: 0.9 * 2 + 0.1 * 12
		assertThat(weights(average)).containsOnly(new float[] { 3f }, within(1e-6f));
	}

	@Test
	void emaWarmsUpFromOneTenthTowardsItsDecay() {
		ExponentialMovingAverage ema = new ExponentialMovingAverage(linear(0), linear(0), 0.999f);

		// (1 + t) / (10 + t): 1/10, 2/11, 11/20, ..., until it reaches 0.999 at t = 8990
		assertThat(ema.decayAt(0)).isCloseTo(0.1f, within(1e-7f));
		assertThat(ema.decayAt(1)).isCloseTo(2f / 11, within(1e-7f));
		assertThat(ema.decayAt(10)).isCloseTo(0.55f, within(1e-7f));
		assertThat(ema.decayAt(8989)).isLessThan(0.999f);
		assertThat(ema.decayAt(8990)).isEqualTo(0.999f);
		assertThat(ema.decayAt(1_000_000)).isEqualTo(0.999f);
	}

	@Test
	void emaTakesTheFirstStepsMostlyFromTheModel() {
		Block model = linear(0f);
		Block average = linear(0f);
		ExponentialMovingAverage ema = new ExponentialMovingAverage(average, model, 0.999f);
		ema.reset();

		setWeights(model, 10f);
		ema.update(0);
		// 0.1 * 0 + 0.9 * 10
		assertThat(weights(average)).containsOnly(new float[] { 9f }, within(1e-5f));
		ema.update(1);
		// 2/11 * 9 + 9/11 * 10 = 108/11
		assertThat(weights(average)).containsOnly(new float[] { 108f / 11 }, within(1e-5f));
	}

	@Test
	void emaCopiesBatchNormStatisticsInsteadOfAveragingThem() {
		Block model = batchNorm();
		Block average = batchNorm();
		ExponentialMovingAverage ema = new ExponentialMovingAverage(average, model, 0.9f);
		ema.reset();
		model.getParameters().forEach((pair) -> pair.getValue().getArray().muli(0).addi(4f));

		ema.update(1000);

		// gamma and beta: 0.9 * start + 0.1 * 4; the running mean and variance: the
		// model's
		assertThat(parameter(average, "gamma")).containsExactly(new float[] { 0.9f + 0.4f, 0.9f + 0.4f },
				within(1e-6f));
		assertThat(parameter(average, "beta")).containsExactly(new float[] { 0.4f, 0.4f }, within(1e-6f));
		assertThat(parameter(average, "runningMean")).containsExactly(4f, 4f);
		assertThat(parameter(average, "runningVar")).containsExactly(4f, 4f);
	}

	@Test
	void decoupledDecayShrinksOnlyTheKernelsByLearningRateTimesDecay() {
		NDArray kernel = this.manager.create(new float[] { 2, -2 });
		NDArray bias = this.manager.create(new float[] { 2, -2 });
		NDArray gradient = this.manager.create(new float[] { 0.5f, -0.5f });
		CheckpointableAdam adamW = new CheckpointableAdam(OptimizerType.ADAMW, Tracker.fixed(0.1f), 0.5f,
				"kernel"::equals);

		adamW.update("kernel", kernel, gradient);
		adamW.update("bias", bias, gradient.duplicate());

		// Adam's first step moves by lr * sign(g) = 0.1, then the kernel shrinks by
		// 1 - 0.1 * 0.5: 1.9 * 0.95 = 1.805; the bias takes the Adam step only
		assertThat(kernel.toFloatArray()).containsExactly(new float[] { 1.805f, -1.805f }, within(1e-6f));
		assertThat(bias.toFloatArray()).containsExactly(new float[] { 1.9f, -1.9f }, within(1e-6f));
	}

	@Test
	void decoupledDecayTakesTheConvolutionAndLinearKernelsOfTheNetworkAndNothingElse() {
		Block network = SemiSupervisedNet.of(ModelArchitecture.SMALL_CNN, Layer.BatchNormalization.LIBTORCH_MOMENTUM,
				10);
		Predicate<String> decayed = CheckpointableAdam.kernelsOf(network);

		Map<Boolean, List<String>> namesByDecay = network.getParameters()
			.stream()
			.collect(Collectors.partitioningBy((pair) -> decayed.test(pair.getValue().getId()),
					Collectors.mapping((pair) -> pair.getKey(), Collectors.toList())));

		// the kernels of the three convolutions, the classifier and the projection head's
		// two layers
		assertThat(namesByDecay.get(true)).containsExactlyInAnyOrder("01backbone_01SequentialBlock_01Conv2d_weight",
				"01backbone_03SequentialBlock_01Conv2d_weight", "01backbone_05SequentialBlock_01Conv2d_weight",
				"02classifier_weight", "03projector_01Linear_weight", "03projector_03Linear_weight");
		assertThat(namesByDecay.get(false)).isNotEmpty()
			.allMatch((name) -> name.endsWith("_bias") || name.endsWith("_gamma") || name.endsWith("_beta")
					|| name.endsWith("_runningMean") || name.endsWith("_runningVar"));
	}

	@Test
	void l2DecayReachesEveryParameterThroughItsGradient() {
		// g + wd * w = 0.5 + 0.5 * 2 = 1.5, still positive: Adam's first step is lr *
		// sign,
		// the same as without decay, and the decay is cancelled (the original code's
		// Adam)
		NDArray weight = this.manager.create(new float[] { 2 });
		new CheckpointableAdam(OptimizerType.ADAM, Tracker.fixed(0.1f), 0.5f, (id) -> false).update("bias", weight,
				this.manager.create(new float[] { 0.5f }));

		assertThat(weight.getFloat()).isCloseTo(1.9f, within(1e-6f));
	}

	@Test
	void adamsFirstStepMovesEachWeightByTheLearningRate() {
		// t = 1: m = 0.1 g, v = 0.001 g^2, m/(1 - 0.9) = g, v/(1 - 0.999) = g^2: step =
		// lr * sign(g)
		NDArray weight = this.manager.create(new float[] { 1, 1 });
		NDArray gradient = this.manager.create(new float[] { 0.5f, -2 });

		new CheckpointableAdam(OptimizerType.ADAM, Tracker.fixed(0.1f), 0, (id) -> true).update("w", weight, gradient);

		assertThat(weight.toFloatArray()).containsExactly(new float[] { 0.9f, 1.1f }, within(1e-6f));
	}

	@Test
	void laterStepsDivideBiasCorrectedMoments() {
		// g = 1 then 3, lr 0.1: m = 0.39, v = 0.009999, m / (1 - 0.9^2) = 2.0526316,
		// v / (1 - 0.999^2) = 5.0020010, step = 0.1 * 2.0526316 / sqrt(5.0020010) =
		// 0.0917781
		NDArray weight = this.manager.create(new float[] { 1 });
		CheckpointableAdam adam = new CheckpointableAdam(OptimizerType.ADAM, Tracker.fixed(0.1f), 0, (id) -> true);

		adam.update("w", weight, this.manager.create(new float[] { 1 }));
		adam.update("w", weight, this.manager.create(new float[] { 3 }));

		assertThat(weight.getFloat()).isCloseTo(1 - 0.1f - 0.0917781f, within(1e-6f));
	}

	@Test
	void aRestoredOptimizerContinuesTheSavedMomentsOnDevicesOtherThanTheSavedRunsOnes() {
		// the same two steps, the state saved between them by a run on another device
		NDArray weight = this.manager.create(new float[] { 1 });
		CheckpointableAdam saved = new CheckpointableAdam(OptimizerType.ADAM, Tracker.fixed(0.1f), 0, (id) -> true);
		saved.update("w", weight, this.manager.create(new float[] { 1 }));
		NDList state = saved.state(Map.of("w", "w"));
		state.forEach((array) -> array.setName(array.getName().replace("@" + weight.getDevice(), "@gpu(1)")));

		CheckpointableAdam resumed = new CheckpointableAdam(OptimizerType.ADAM, Tracker.fixed(0.1f), 0, (id) -> true);
		resumed.restore(state, Map.of("w", "w"), List.of(weight.getDevice()));
		resumed.update("w", weight, this.manager.create(new float[] { 3 }));

		assertThat(weight.getFloat()).isCloseTo(1 - 0.1f - 0.0917781f, within(1e-6f));
	}

	@Test
	void anUpdateClearsTheGradientItConsumed() {
		NDArray weight = this.manager.create(new float[] { 1, 2 });
		weight.setRequiresGradient(true);
		try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
			collector.backward(weight.mul(3).sum());
		}
		assertThat(weight.getGradient().toFloatArray()).containsExactly(3f, 3f);

		new CheckpointableAdam(OptimizerType.ADAM, Tracker.fixed(0.1f), 0, (id) -> true).update("w", weight,
				weight.getGradient().duplicate());

		assertThat(weight.getGradient().toFloatArray()).containsExactly(0f, 0f);
		assertThat(weight.toFloatArray()).containsExactly(new float[] { 0.9f, 1.9f }, within(1e-6f));
	}

	@Test
	void aRestoredOptimizerContinuesExactlyLikeTheOriginal() {
		CheckpointableAdam original = new CheckpointableAdam(OptimizerType.ADAM, Tracker.fixed(0.01f), 1e-3f,
				(id) -> true);
		NDArray weight = this.manager.create(new float[] { 1, -1, 0.5f });
		original.update("w", weight, this.manager.create(new float[] { 0.3f, -0.2f, 0.1f }));
		original.update("w", weight, this.manager.create(new float[] { 0.1f, 0.4f, -0.3f }));
		CheckpointableAdam restored = new CheckpointableAdam(OptimizerType.ADAM, Tracker.fixed(0.01f), 1e-3f,
				(id) -> true);
		// A new process names the same parameter with another id.
		restored.restore(NDList.decode(this.manager, original.state(Map.of("w", "conv_weight")).encode()),
				Map.of("conv_weight", "w2"), List.of(weight.getDevice()));
		NDArray copy = weight.duplicate();

		NDArray gradient = this.manager.create(new float[] { -0.5f, 0.2f, 0.7f });
		original.update("w", weight, gradient);
		restored.update("w2", copy, gradient);

		assertThat(copy.toFloatArray()).containsExactly(weight.toFloatArray());
	}

	private Block linear(float value) {
		Block block = Linear.builder().setUnits(2).build();
		block.initialize(this.manager, DataType.FLOAT32, new Shape(1, 3));
		setWeights(block, value);
		return block;
	}

	private Block batchNorm() {
		Block block = BatchNorm.builder().build();
		block.initialize(this.manager, DataType.FLOAT32, new Shape(1, 2, 3, 3));
		return block;
	}

	private static float[] parameter(Block block, String name) {
		return block.getParameters().get(name).getArray().toFloatArray();
	}

	private static void setWeights(Block block, float value) {
		block.getParameters().values().forEach((p) -> p.getArray().muli(0).addi(value));
	}

	private static float[] weights(Block block) {
		return block.getParameters().get("weight").getArray().toFloatArray();
	}

}
