package io.simmixmatch.training;

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

}
