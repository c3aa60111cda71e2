package io.simmixmatch.training;

import java.util.HashSet;
import java.util.Set;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
		SemiSupervisedNet net = SemiSupervisedNet.of(architecture, Layer.BatchNormalization.LIBTORCH_MOMENTUM, 10);
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
	void aChannelsLastBatchHoldsEveryValueAtItsIndex(int channels, int side) {
		NDArray images = this.manager.arange(0f, 2f * channels * side * side, 1f).reshape(2, channels, side, side);

		NDArray channelsLast = ChannelsLast.of(images);

		assertThat(channelsLast.getShape()).isEqualTo(images.getShape());
		assertThat(channelsLast.contentEquals(images)).isTrue();
		assertThat(channelsLast.get("1, %d, 5, 7".formatted(channels - 1)).getFloat())
			.isEqualTo(((channels + channels - 1) * side + 5) * side + 7);
	}

	@Test
	void theNetworkAnswersWhatItsLayersComputeInTheDefaultLayout() {
		SemiSupervisedNet net = SemiSupervisedNet.of(ModelArchitecture.CNN_6,
				Layer.BatchNormalization.LIBTORCH_MOMENTUM, 10);
		net.initialize(this.manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
		NDArray images = this.manager.randomUniform(0, 1, new Shape(4, 3, 32, 32));
		ParameterStore parameters = new ParameterStore(this.manager, false);

		NDArray logits = net.forward(parameters, new NDList(images), false).singletonOrThrow();
		NDList features = net.backbone().forward(parameters, new NDList(images), false);
		NDArray defaultLayout = net.classifier().forward(parameters, features, false).singletonOrThrow();

		assertThat(logits.sub(defaultLayout).abs().max().getFloat()).isLessThan(1e-4f);
	}

	@ParameterizedTest
	@CsvSource({ "1, 28, 0", "1, 28, 0.2", "3, 32, 0", "3, 32, 0.2" })
	void augmentationKeepsTheShapeAndTheRangeAndDiffersPerImage(int channels, int side, float jitter) {
		Engine.getInstance().setRandomSeed(5);
		NDArray one = this.manager.randomUniform(0, 1, new Shape(1, channels, side, side));
		NDArray batch = one.repeat(0, 16);

		NDArray augmented = new BatchAugmentation(channels, side, jitter).apply(batch);

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

	@Test
	void withoutJitterAGrayscaleViewOnlyMovesPixelsSoItsBlackBackgroundStaysBlack() {
		Engine.getInstance().setRandomSeed(7);
		// A white 8x8 square on black: crops and flips move it, nothing else may change.
		NDArray image = this.manager.zeros(new Shape(1, 1, 28, 28));
		image.set(new NDIndex(":, :, 10:18, 10:18"), 1f);
		NDArray batch = image.repeat(0, 32);

		NDArray plain = new BatchAugmentation(1, 28, 0).apply(batch);
		NDArray jittered = new BatchAugmentation(1, 28, 0.2f).apply(batch);

		assertThat(distinctValues(plain)).containsExactlyInAnyOrder(0f, 1f);
		assertThat(plain.sum().getFloat()).as("the square stays whole (64 pixels each)").isEqualTo(32 * 64f);
		assertThat(distinctValues(jittered)).hasSizeGreaterThan(2);
	}

	@ParameterizedTest
	@CsvSource({ "1, 28", "3, 32" })
	void strongViewsKeepShapeAndRangeAndRepeatWithTheSeed(int channels, int side) {
		NDArray batch = this.manager.randomUniform(0, 1, new Shape(1, channels, side, side)).repeat(0, 8);
		BatchAugmentation augmentation = new BatchAugmentation(channels, side, 0);

		Engine.getInstance().setRandomSeed(11);
		NDArray first = augmentation.strong(batch);
		Engine.getInstance().setRandomSeed(11);
		NDArray again = augmentation.strong(batch);
		Engine.getInstance().setRandomSeed(12);
		NDArray other = augmentation.strong(batch);

		assertThat(first.getShape()).isEqualTo(batch.getShape());
		assertThat(first.min().getFloat()).isGreaterThanOrEqualTo(0f);
		assertThat(first.max().getFloat()).isLessThanOrEqualTo(1f);
		assertThat(again.toFloatArray()).containsExactly(first.toFloatArray());
		assertThat(other.toFloatArray()).isNotEqualTo(first.toFloatArray());
	}

	private static Set<Float> distinctValues(NDArray array) {
		Set<Float> values = new HashSet<>();
		for (float value : array.toFloatArray()) {
			values.add(value);
		}
		return values;
	}

}
