package io.simmixmatch.training;

import java.util.Map;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.tracker.Tracker;
import io.simmixmatch.data.DataSplit;
import io.simmixmatch.data.ImageSet;
import io.simmixmatch.data.SyntheticImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScheduleAndEvaluationTest {

	@Test
	void stepScheduleDividesByTenAtHalfAndThreeQuarters() {
		Tracker rates = LearningRates.of(schedule(LearningRateSchedule.STEP));

		assertThat(rates.getNewValue(0)).isEqualTo(0.1f);
		assertThat(rates.getNewValue(499)).isEqualTo(0.1f);
		assertThat(rates.getNewValue(501)).isCloseTo(0.01f, within(1e-7f));
		assertThat(rates.getNewValue(751)).isCloseTo(0.001f, within(1e-7f));
	}

	@Test
	void cosineScheduleFallsFromTheBaseToZero() {
		Tracker rates = LearningRates.of(schedule(LearningRateSchedule.COSINE));

		assertThat(rates.getNewValue(0)).isEqualTo(0.1f);
		assertThat(rates.getNewValue(500)).isCloseTo(0.05f, within(1e-6f));
		assertThat(rates.getNewValue(1000)).isCloseTo(0f, within(1e-6f));
	}

	@Test
	void aWarmUpRisesFromZeroToTheBaseThenTheScheduleSpansTheStepsLeft() {
		// 10 epochs of 100 steps, 2 of them warm-up: 200 steps up, a cosine over 800
		Tracker rates = LearningRates.of(schedule(LearningRateSchedule.COSINE, 2));

		assertThat(rates.getNewValue(0)).isZero();
		assertThat(rates.getNewValue(100)).isCloseTo(0.05f, within(1e-7f));
		assertThat(rates.getNewValue(200)).isEqualTo(0.1f);
		assertThat(rates.getNewValue(600)).isCloseTo(0.05f, within(1e-6f));
		assertThat(rates.getNewValue(1000)).isCloseTo(0f, within(1e-6f));
	}

	@Test
	void constantScheduleStaysAtTheBase() {
		assertThat(LearningRates.of(schedule(LearningRateSchedule.CONSTANT)).getNewValue(999)).isEqualTo(0.1f);
	}

	@Test
	void anEvaluationCountsTheClassAmongTheFirstOneAndFiveGuessesAndWhatTheFirstWas() {
		// A "network" whose logits are each image's first ten pixels: images of class k
		// whose pixel k ranks 1st, 3rd and 7th give a top-1 hit, a top-5 hit and a miss.
		ImageSet synthetic = SyntheticImages.of(1, 0);
		byte[] pixels = new byte[3 * 784];
		int[] ranks = { 0, 2, 6 };
		int[] labels = { 4, 4, 4 };
		for (int image = 0; image < 3; image++) {
			for (int c = 0; c < 10; c++) {
				pixels[image * 784 + c] = (byte) (100 - 10 * c);
			}
			int displaced = ranks[image];
			pixels[image * 784 + 4] = (byte) (100 - 10 * displaced);
			pixels[image * 784 + displaced] = (byte) (100 - 10 * 4);
		}
		ImageSet images = new ImageSet("ranks", 1, 28, 28, synthetic.classNames(), pixels, labels, new int[0]);
		DataSplit split = new DataSplit(new int[] { 0 }, new int[] { 0, 1, 2 }, new int[0], new int[0]);
		LambdaBlock firstTenPixels = new LambdaBlock(
				(inputs) -> new NDList(inputs.singletonOrThrow().reshape(3, 784).get(":, 0:10")));
		try (NDManager manager = NDManager.newBaseManager();
				TrainingData data = new TrainingData(images, split, manager)) {
			firstTenPixels.initialize(manager, DataType.FLOAT32, new Shape(3, 1, 28, 28));

			Evaluation.Measurement measured = Evaluation.measure(firstTenPixels, data, split.validation(),
					ClassResults.VALIDATION, manager);

			assertThat(measured.accuracy().top1()).isCloseTo(1 / 3.0, within(1e-9));
			assertThat(measured.accuracy().top5()).isCloseTo(2 / 3.0, within(1e-9));
			// The displaced images' first guess is pixel 0's class, which ranks first.
			assertThat(measured.classes().split()).isEqualTo("validation");
			assertThat(measured.classes().confusion()[4]).containsExactly(2, 0, 0, 0, 1, 0, 0, 0, 0, 0);
			assertThat(measured.classes().balancedAccuracy()).isCloseTo(1 / 3.0, within(1e-9));
		}
	}

	@Test
	void theBestEpochHasTheHigherTopOneAndTopFiveBreaksTies() {
		assertThat(new Accuracy(0.8, 0.9).isBetterThan(new Accuracy(0.7, 0.99))).isTrue();
		assertThat(new Accuracy(0.8, 0.95).isBetterThan(new Accuracy(0.8, 0.9))).isTrue();
		assertThat(new Accuracy(0.8, 0.9).isBetterThan(new Accuracy(0.8, 0.9))).isFalse();
	}

	private static Hyperparameters schedule(LearningRateSchedule schedule) {
		return schedule(schedule, 0);
	}

	private static Hyperparameters schedule(LearningRateSchedule schedule, int warmupEpochs) {
		return TrainingLoopTest.with(Preset.FASHION_MNIST.hyperparameters(), Map.of("epochs", 10, "stepsPerEpoch", 100,
				"learningRate", 0.1, "learningRateSchedule", schedule, "warmupEpochs", warmupEpochs));
	}

}
