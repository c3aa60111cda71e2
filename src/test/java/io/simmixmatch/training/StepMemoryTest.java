package io.simmixmatch.training;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepMemoryTest {

	@Test
	void countsEveryImageOfAStepAtItsBackbonesCostPerPixel() {
		Hyperparameters preset = Preset.FASHION_MNIST.hyperparameters();
		// batch 64, mu 1, K 2: 192 images of 28 x 28, CNN_6's 3,390 bytes a pixel
		assertThat(StepMemory.bytes(preset, Algorithm.MIXMATCH, 28, 28))
			.isEqualTo(StepMemory.BASE_BYTES + 192L * 784 * 3_390);
		assertThat(StepMemory.bytes(preset, Algorithm.SUPERVISED, 28, 28))
			.isEqualTo(StepMemory.BASE_BYTES + 64L * 784 * 3_390);
		assertThat(StepMemory.bytes(preset, Algorithm.MIXMATCH, 56, 56) - StepMemory.BASE_BYTES)
			.as("four times the pixels")
			.isEqualTo(4 * (StepMemory.bytes(preset, Algorithm.MIXMATCH, 28, 28) - StepMemory.BASE_BYTES));
	}

	@Test
	void countsTheViewsEachAlgorithmMakesOfAnUnlabeledImage() {
		Hyperparameters preset = Preset.FASHION_MNIST.hyperparameters();
		Hyperparameters strong = TrainingLoopTest.with(preset, Map.of("strongContrastiveViews", true));
		// batch 64, mu 1, K 2
		assertThat(preset.imagesHeldPerStep(Algorithm.SIMMIXMATCH)).as("K views").isEqualTo(64 * (1 + 2));
		assertThat(strong.imagesHeldPerStep(Algorithm.SIMMIXMATCH)).as("and K strong ones").isEqualTo(64 * (1 + 4));
		assertThat(strong.imagesHeldPerStep(Algorithm.MIXMATCH)).as("MixMatch has no contrastive loss")
			.isEqualTo(64 * (1 + 2));
		assertThat(strong.imagesHeldPerStep(Algorithm.FIXMATCH)).as("a weak and a strong view").isEqualTo(64 * (1 + 2));
		assertThat(strong.imagesHeldPerStepTerms(Algorithm.SIMMIXMATCH))
			.isEqualTo("batchSize x (1 + unlabeledRatio x 4 views)");
	}

}
