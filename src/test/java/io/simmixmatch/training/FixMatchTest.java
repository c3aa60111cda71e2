package io.simmixmatch.training;

import java.nio.ByteBuffer;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * FixMatch's pseudo-labels and loss, FlexMatch's and FreeMatch's thresholds, SoftMatch's
 * weights and distribution alignment, against hand-computed values.
 */
class FixMatchTest {

	private final NDManager manager = NDManager.newBaseManager();

	@AfterEach
	void close() {
		this.manager.close();
	}

	@Test
	void confidentWeakViewsLabelTheirStrongViews() {
		// softmax(ln 8, 0, 0) = (0.8, 0.1, 0.1); softmax(0, ln 2, 0) = (0.25, 0.5, 0.25).
		NDArray weak = this.manager.create(new float[] { (float) Math.log(8), 0, 0, 0, (float) Math.log(2), 0 },
				new Shape(2, 3));

		PseudoLabels fixed = PseudoLabels.of(weak, null, new PseudoLabelThresholds(0.75f, false, 3, 2, 2));

		assertThat(fixed.predicted().toFloatArray())
			.containsExactly(new float[] { 0.8f, 0.1f, 0.1f, 0.25f, 0.5f, 0.25f }, within(1e-6f));
		assertThat(fixed.targets().toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0);
		assertThat(fixed.weights().toFloatArray()).containsExactly(1, 0);
	}

	@ParameterizedTest(name = "{0} with {1}: {2}")
	@CsvSource(textBlock = """
			FIXMATCH, THRESHOLD, 0
			FIXMATCH, FLEXMATCH, 1
			FIXMATCH, FREEMATCH, 1
			FIXMATCH, SOFTMATCH, 1
			MIXMATCH, FLEXMATCH, 0
			""")
	void aRunWeighsAsItsWeightingSays(Algorithm algorithm, Weighting weighting, float weight) {
		Hyperparameters hp = TrainingLoopTest.with(Preset.PHOTO_32.hyperparameters(), Map.of("weighting", weighting));
		// 0.5 is below tau (0.95) but above FlexMatch's first thresholds (0) and
		// FreeMatch's
		// (1/C), and SoftMatch counts every pseudo-label fully before it has learned;
		// only
		// FixMatch reads the weighting.
		NDArray probabilities = this.manager.create(new float[] { 0.5f, 0.3f, 0.2f }, new Shape(1, 3));

		NDArray weights = PseudoLabelWeighting.of(hp, algorithm, 3, 10, 10).weigh(probabilities);

		assertThat(weights.toFloatArray()).containsExactly(weight);
	}

	@Test
	void pseudoLabelLossAveragesTheMaskedCrossEntropyOverAllImages() {
		NDArray targets = this.manager.create(new float[] { 1, 0, 0, 0, 1, 0 }, new Shape(2, 3));
		NDArray mask = this.manager.create(new float[] { 1, 0 });
		NDArray strong = this.manager.create(new float[] { 0, 0, 0, 5, -5, 5 }, new Shape(2, 3));

		float loss = new PseudoLabelLoss().evaluate(new NDList(targets, mask), new NDList(strong)).getFloat();

		// Image 1: -ln softmax(0, 0, 0)[0] = ln 3; image 2 is masked but still counts in
		// M.
		assertThat((double) loss).isCloseTo(Math.log(3) / 2, within(1e-6));
	}

	@Test
	void fixMatchHasOneThresholdForEveryClass() {
		PseudoLabelThresholds thresholds = new PseudoLabelThresholds(0.9f, false, 3, 12, 10);
		thresholds.update(new long[] { 0 }, new int[] { 1 }, new float[] { 0.99f });

		assertThat(thresholds.current()).containsExactly(0.9f, 0.9f, 0.9f);
		assertThat(thresholds.state()).isEmpty();
	}

	@Test
	void flexMatchLowersTheThresholdsOfClassesWithFewConfidentPredictions() {
		PseudoLabelThresholds thresholds = new PseudoLabelThresholds(0.9f, true, 3, 12, 10);
		assertThat(thresholds.current()).as("before any confident prediction").containsExactly(0, 0, 0);

		thresholds.update(new long[] { 0, 1, 2, 3 }, new int[] { 0, 0, 1, 2 },
				new float[] { 0.95f, 0.99f, 0.92f, 0.5f });

		// Counts (2, 1, 0), 7 of 10 unused: beta = (2/7, 1/7, 0), tau beta / (2 - beta).
		assertThat(thresholds.current()).containsExactly(new float[] { 0.9f * 2 / 12, 0.9f / 13, 0 }, within(1e-6f));

		thresholds.learn(new long[] { 0 }, new float[] { 0.02f, 0.02f, 0.96f });

		assertThat(thresholds.current()).as("image 0 moved from class 0 to 2")
			.containsExactly(new float[] { 0.9f / 13, 0.9f / 13, 0.9f / 13 }, within(1e-6f));
	}

	@Test
	void flexMatchThresholdReachesTauOnceAClassOutnumbersTheUnused() {
		PseudoLabelThresholds thresholds = new PseudoLabelThresholds(0.9f, true, 3, 10, 10);
		long[] images = { 0, 1, 2, 3, 4, 5, 6, 7 };
		float[] confident = new float[8];
		java.util.Arrays.fill(confident, 0.95f);

		thresholds.update(images, new int[8], confident);

		// Counts (8, 0, 0), 2 unused: beta = (1, 0, 0).
		assertThat(thresholds.current()).containsExactly(new float[] { 0.9f, 0, 0 }, within(1e-6f));
		NDArray probabilities = this.manager.create(new float[] { 0.8f, 0.1f, 0.1f, 0.1f, 0.5f, 0.4f },
				new Shape(2, 3));
		assertThat(thresholds.weigh(probabilities).toFloatArray())
			.as("0.8 misses class 0's 0.9, 0.5 clears class 1's 0")
			.containsExactly(0, 1);
		PseudoLabelThresholds restored = new PseudoLabelThresholds(0.9f, true, 3, 10, 10);
		restored.restore(thresholds.state());
		assertThat(restored.current()).containsExactly(thresholds.current());
	}

	@Test
	void softMatchWeighsEveryPseudoLabelOneBeforeItHasLearned() {
		// mu starts at 1/C, which no most probable class falls below.
		NDArray probabilities = this.manager.create(new float[] { 0.4f, 0.3f, 0.3f, 0.34f, 0.33f, 0.33f },
				new Shape(2, 3));

		assertThat(new SoftMatchWeights(3, true).weigh(probabilities).toFloatArray()).containsExactly(1, 1);
	}

	@Test
	void softMatchLearnsTheClassMeansAndTheAlignedConfidencesMeanAndVariance() {
		SoftMatchWeights weights = new SoftMatchWeights(2, true);

		weights.learn(new long[] { 7, 9 }, new float[] { 0.9f, 0.1f, 0.5f, 0.5f });

		// The first step's class means, (0.7, 0.3), are p_model: alignment (5/7, 5/3).
		// Aligned confidences: (9/14) / (9/14 + 1/6) = 27/34 and (5/6) / (5/14 + 5/6) =
		// 0.7; their mean 0.7470588, unbiased variance 2 x 0.0470588^2 = 0.0044291.
		float[] state = floats(weights.state());
		assertThat(state).containsExactly(
				new float[] { 0.7f, 0.3f, 0.999f * 0.5f + 0.001f * 0.7470588f, 0.999f + 0.001f * 0.0044291f },
				within(1e-6f));
	}

	@Test
	void softMatchWeighsAlignedConfidencesBelowTheMeanByATruncatedGaussian() {
		SoftMatchWeights weights = new SoftMatchWeights(2, true);
		// p_model (0.75, 0.25): alignment (2/3, 2); mu 0.9, sigma^2 0.1.
		ByteBuffer state = ByteBuffer.allocate(4 * Float.BYTES);
		state.asFloatBuffer().put(new float[] { 0.75f, 0.25f, 0.9f, 0.1f });
		weights.restore(state.array());
		NDArray weak = this.manager.create(new float[] { (float) Math.log(1.5), 0, 0, (float) Math.log(4) },
				new Shape(2, 2));

		PseudoLabels labels = PseudoLabels.of(weak, null, weights);

		// (0.6, 0.4) aligns to (0.4, 0.8): q = 2/3, weight exp(-(2/3 - 0.9)^2 / (2 x 0.1
		// / 2^2)) = exp(-1.0888889); (0.2, 0.8) aligns to q = 1.6 / (0.4/3 + 1.6) = 0.92,
		// above mu: 1.
		assertThat(labels.weights().toFloatArray()).containsExactly(new float[] { (float) Math.exp(-1.0888889), 1 },
				within(1e-5f));
		assertThat(labels.targets().toFloatArray()).as("the class of the unaligned prediction")
			.containsExactly(1, 0, 0, 1);
	}

	@Test
	void softMatchTakesBackWhatACheckpointKept() {
		SoftMatchWeights weights = new SoftMatchWeights(3, true);
		weights.learn(new long[] { 0, 1, 2 }, new float[] { 0.9f, 0.05f, 0.05f, 0.2f, 0.7f, 0.1f, 0.4f, 0.3f, 0.3f });
		SoftMatchWeights restored = new SoftMatchWeights(3, true);

		restored.restore(weights.state());

		assertThat(restored.state()).isEqualTo(weights.state());
		assertThatIllegalArgumentException().isThrownBy(() -> new SoftMatchWeights(4, true).restore(weights.state()));
	}

	@Test
	void distributionAlignmentStartsAtTheFirstStepsMeanAndThenMovesByATenthOfAPercent() {
		DistributionAlignment alignment = new DistributionAlignment(2);
		assertThat(alignment.factors()).as("before any step").containsExactly(1, 1);

		alignment.learn(new float[] { 0.9f, 0.1f, 0.6f, 0.4f });
		// p_model (0.75, 0.25): factors (0.5 + 1e-6) / (0.75 + 1e-6) and (0.5 + 1e-6) /
		// (0.25 + 1e-6).
		assertThat(alignment.factors()).containsExactly(
				new float[] { (0.5f + 1e-6f) / (0.75f + 1e-6f), (0.5f + 1e-6f) / (0.25f + 1e-6f) }, within(1e-6f));
		alignment.learn(new float[] { 0.25f, 0.75f });
		// 0.999 x 0.75 + 0.001 x 0.25 = 0.7495; 0.999 x 0.25 + 0.001 x 0.75 = 0.2505.
		assertThat(floats(alignment.state())).containsExactly(new float[] { 0.7495f, 0.2505f }, within(1e-6f));
	}

	@Test
	void alignedPseudoLabelsGoToTheClassTheModelNeglects() {
		DistributionAlignment alignment = new DistributionAlignment(2);
		alignment.learn(new float[] { 0.9f, 0.1f, 0.6f, 0.4f });
		// softmax(ln 1.5, 0) = (0.6, 0.4); softmax(ln 9, 0) = (0.9, 0.1).
		NDArray weak = this.manager.create(new float[] { (float) Math.log(1.5), 0, (float) Math.log(9), 0 },
				new Shape(2, 2));

		PseudoLabels labels = PseudoLabels.of(weak, alignment, new PseudoLabelThresholds(0.65f, false, 2, 2, 2));

		// Factors (2/3, 2): (0.6, 0.4) aligns to (0.4, 0.8) / 1.2 = (1/3, 2/3), class 1,
		// above 0.65; (0.9, 0.1) to (0.6, 0.2) / 0.8 = (0.75, 0.25), class 0.
		assertThat(labels.labeled().toFloatArray()).containsExactly(new float[] { 1f / 3, 2f / 3, 0.75f, 0.25f },
				within(1e-6f));
		assertThat(labels.predicted().toFloatArray()).containsExactly(new float[] { 0.6f, 0.4f, 0.9f, 0.1f },
				within(1e-6f));
		assertThat(labels.targets().toFloatArray()).containsExactly(0, 1, 1, 0);
		assertThat(labels.weights().toFloatArray()).containsExactly(1, 1);
	}

	@Test
	void softMatchWeighsProbabilitiesThatComeAlignedAsTheyAre() {
		SoftMatchWeights weights = new SoftMatchWeights(2, false);
		// mu 0.9, sigma^2 0.1, and no class means of its own.
		ByteBuffer state = ByteBuffer.allocate(2 * Float.BYTES);
		state.asFloatBuffer().put(new float[] { 0.9f, 0.1f });
		weights.restore(state.array());

		NDArray aligned = this.manager.create(new float[] { 1f / 3, 2f / 3, 0.95f, 0.05f }, new Shape(2, 2));

		// q = 2/3 weighs exp(-(2/3 - 0.9)^2 / (2 x 0.1 / 2^2)); 0.95 is above mu.
		assertThat(weights.weigh(aligned).toFloatArray())
			.containsExactly(new float[] { (float) Math.exp(-1.0888889), 1 }, within(1e-5f));
		assertThat(weights.state()).isEqualTo(state.array());
		// A state with class means belongs to weights that align for themselves.
		assertThatIllegalArgumentException().isThrownBy(() -> weights.restore(new byte[4 * Float.BYTES]));
	}

	@Test
	void freeMatchKeepsEveryPseudoLabelBeforeItHasLearned() {
		// tau_t starts at 1/C, which no most probable class falls below, and every
		// class's share of it at 1.
		NDArray probabilities = this.manager.create(new float[] { 0.4f, 0.3f, 0.3f, 0.34f, 0.33f, 0.33f },
				new Shape(2, 3));

		SelfAdaptiveThresholds thresholds = new SelfAdaptiveThresholds(3);

		assertThat(thresholds.current()).containsExactly(new float[] { 1f / 3, 1f / 3, 1f / 3 }, within(1e-7f));
		assertThat(thresholds.weigh(probabilities).toFloatArray()).containsExactly(1, 1);
	}

	@Test
	void freeMatchLearnsTheMeanConfidenceAndTheClassMeans() {
		SelfAdaptiveThresholds thresholds = new SelfAdaptiveThresholds(2);

		thresholds.learn(new long[] { 7, 9 }, new float[] { 0.9f, 0.1f, 0.5f, 0.5f });

		// Mean confidence (0.9 + 0.5) / 2 = 0.7, class means (0.7, 0.3), each moved
		// from 1/2 by a tenth of a percent.
		assertThat(floats(thresholds.state())).containsExactly(new float[] { 0.999f * 0.5f + 0.001f * 0.7f,
				0.999f * 0.5f + 0.001f * 0.7f, 0.999f * 0.5f + 0.001f * 0.3f }, within(1e-6f));
	}

	@Test
	void freeMatchScalesTheGlobalThresholdByEachClasssShareOfTheMostPredicted() {
		SelfAdaptiveThresholds thresholds = new SelfAdaptiveThresholds(3);
		// tau_t 0.8, class means (0.6, 0.3, 0.1): thresholds 0.8, 0.4 and 0.8 / 6.
		ByteBuffer state = ByteBuffer.allocate(4 * Float.BYTES);
		state.asFloatBuffer().put(new float[] { 0.8f, 0.6f, 0.3f, 0.1f });
		thresholds.restore(state.array());
		float[] probabilities = { 0.7f, 0.2f, 0.1f, 0.2f, 0.45f, 0.35f, 0.3f, 0.39f, 0.31f, 0.3f, 0.3f, 0.4f };
		NDArray weak = this.manager.create(probabilities, new Shape(4, 3)).log();

		PseudoLabels labels = PseudoLabels.of(weak, null, thresholds);

		assertThat(thresholds.current()).containsExactly(new float[] { 0.8f, 0.4f, 0.8f / 6 }, within(1e-6f));
		// 0.7 < 0.8 (class 0); 0.45 >= 0.4 (class 1); 0.39 < 0.4 (class 1); 0.4 >= 0.133
		// (class 2).
		assertThat(labels.weights().toFloatArray()).containsExactly(0, 1, 0, 1);
		assertThat(labels.targets().toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1);
		assertThat(thresholds.state()).isEqualTo(state.array());
		assertThatIllegalArgumentException().isThrownBy(() -> new SelfAdaptiveThresholds(4).restore(state.array()));
	}

	// A state as the floats it is
	static float[] floats(byte[] bytes) {
		float[] floats = new float[bytes.length / Float.BYTES];
		ByteBuffer.wrap(bytes).asFloatBuffer().get(floats);
		return floats;
	}

}
