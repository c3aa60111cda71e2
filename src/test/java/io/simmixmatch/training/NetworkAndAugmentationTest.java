package io.simmixmatch.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkAndAugmentationTest {

	private final NDManager manager = NDManager.newBaseManager();

	@AfterEach
	void close() {
		this.manager.close();
	}

	@ParameterizedTest
	@EnumSource(ModelArchitecture.class)
	void everyArchitectureAnswersLogitsAndProjectionsWhenTrainingAndLogitsOtherwise(ModelArchitecture architecture) {
		SemiSupervisedNet net = SemiSupervisedTraining.network(architecture, 10);
		net.initialize(this.manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
		NDArray images = this.manager.randomUniform(0, 1, new Shape(2, 3, 32, 32));
		ParameterStore parameters = new ParameterStore(this.manager, false);

		NDList training = net.forward(parameters, new NDList(images), true);
		NDList inference = net.forward(parameters, new NDList(images), false);

		assertThat(training.getShapes()).containsExactly(new Shape(2, 10), new Shape(2, 64));
		assertThat(inference.getShapes()).containsExactly(new Shape(2, 10));
	}

	@ParameterizedTest
	@CsvSource({ "1, 28", "3, 32" })
	void augmentationKeepsTheShapeAndTheRangeAndDiffersPerImage(int channels, int side) {
		Engine.getInstance().setRandomSeed(5);
		NDArray one = this.manager.randomUniform(0, 1, new Shape(1, channels, side, side));
		NDArray batch = one.repeat(0, 16);

		NDArray augmented = new BatchAugmentation(channels, side).apply(batch);

		assertThat(augmented.getShape()).isEqualTo(batch.getShape());
		assertThat(augmented.min().getFloat()).isGreaterThanOrEqualTo(0f);
		assertThat(augmented.max().getFloat()).isLessThanOrEqualTo(1f);
		NDArray first = augmented.get("0:1");
		long identicalToFirst = augmented.sub(first)
			.abs()
			.reshape(16, -1)
			.max(new int[] { 1 })
			.lt(1e-6f)
			.sum()
			.toType(DataType.INT64, false)
			.getLong();
		assertThat(identicalToFirst).as("copies identical to the first after augmentation").isLessThan(4);
	}

}
