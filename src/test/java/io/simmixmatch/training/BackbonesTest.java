package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackbonesTest {

	@Test
	void cnn6StemsStagesSeeAQuarterOfEachSide() {
		Shape photos = new Shape(2, 3, 96, 96);
		Block backbone = ModelArchitecture.CNN_6_STEM.layers(Layer.BatchNormalization.LIBTORCH_MOMENTUM).block();
		try (NDManager manager = NDManager.newBaseManager()) {
			backbone.initialize(manager, DataType.FLOAT32, photos);
			Block stem = backbone.getChildren().get(0).getValue();
			Block stages = backbone.getChildren().get(1).getValue();

			assertThat(stem.getOutputShapes(new Shape[] { photos })).containsExactly(new Shape(2, 32, 24, 24));
			assertThat(stages.getChildren().get(0).getValue().getOutputShapes(new Shape[] { new Shape(2, 32, 24, 24) }))
				.as("CNN_6's first stage keeps the size")
				.containsExactly(new Shape(2, 32, 24, 24));
			NDArray features = backbone
				.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(photos)), false)
				.singletonOrThrow();
			assertThat(features.getShape()).isEqualTo(new Shape(2, 128));
		}
	}

	@Test
	void batchNormMovesItsRunningStatisticsByItsMomentumAsPyTorchCountsIt() {
		Block batchNorm = new Layer.BatchNormalization(0.25f).block();
		try (NDManager manager = NDManager.newBaseManager()) {
			Shape shape = new Shape(2, 1, 1, 1);
			batchNorm.initialize(manager, DataType.FLOAT32, shape);

			batchNorm.forward(new ParameterStore(manager, false),
					new NDList(manager.create(new float[] { 2, 4 }, shape)), true);

			// Batch mean 3, unbiased variance 2; running (0, 1) before: 0.75 x (0, 1) +
			// 0.25 x (3, 2).
			assertThat(batchNorm.getParameters().get("runningMean").getArray().toFloatArray()).containsExactly(0.75f);
			assertThat(batchNorm.getParameters().get("runningVar").getArray().toFloatArray()).containsExactly(1.25f);
		}
	}

}
