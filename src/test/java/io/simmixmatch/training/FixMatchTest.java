package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * FixMatch's pseudo-labels and loss, and FlexMatch's thresholds, against hand-computed
 * values.
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

		PseudoLabels fixed = PseudoLabels.of(weak, this.manager.create(new float[] { 0.75f, 0.75f, 0.75f }));
		PseudoLabels classwise = PseudoLabels.of(weak, this.manager.create(new float[] { 0.9f, 0.45f, 0.45f }));

		assertThat(fixed.classes().toLongArray()).containsExactly(0, 1);
		assertThat(fixed.confidences().toFloatArray()).containsExactly(new float[] { 0.8f, 0.5f }, within(1e-6f));
		assertThat(fixed.targets().toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0);
		assertThat(fixed.mask().toFloatArray()).containsExactly(1, 0);
		assertThat(classwise.mask().toFloatArray()).as("each class its own threshold").containsExactly(0, 1);
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

		thresholds.update(new long[] { 0 }, new int[] { 2 }, new float[] { 0.96f });

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
		PseudoLabelThresholds restored = new PseudoLabelThresholds(0.9f, true, 3, 10, 10);
		restored.restore(thresholds.state());
		assertThat(restored.current()).containsExactly(thresholds.current());
	}

}
