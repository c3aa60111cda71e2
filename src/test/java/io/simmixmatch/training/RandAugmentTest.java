package io.simmixmatch.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.simmixmatch.training.RandAugment.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RandAugmentTest {

	private final NDManager manager = NDManager.newBaseManager();

	@AfterEach
	void close() {
		this.manager.close();
	}

	@Test
	void autoContrastStretchesEachChannelAndLeavesFlatOnes() {
		NDArray image = image(new Shape(1, 2, 2, 2), 0.2f, 0.4f, 0.6f, 0.2f, 0.3f, 0.3f, 0.3f, 0.3f);

		assertPixels(RandAugment.autoContrast(image), 0, 0.5f, 1, 0, 0.3f, 0.3f, 0.3f, 0.3f);
	}

	@Test
	void brightnessBlendsWithBlack() {
		NDArray image = image(new Shape(1, 1, 1, 2), 0.5f, 1);

		assertPixels(RandAugment.brightness(image, factor(0.5f)), 0.25f, 0.5f);
	}

	@Test
	void colorBlendsWithTheLuminance() {
		NDArray red = image(new Shape(1, 3, 1, 1), 1, 0, 0);

		// Luminance 0.299; halfway between it and the pixel.
		assertPixels(RandAugment.color(red, factor(0.5f)), 0.6495f, 0.1495f, 0.1495f);
	}

	@Test
	void contrastBlendsWithTheMeanGrayLevel() {
		NDArray image = image(new Shape(1, 1, 1, 2), 0.2f, 0.6f);

		assertPixels(RandAugment.contrast(image, factor(0.5f)), 0.3f, 0.5f);
	}

	@Test
	void sharpnessBelowOneBlursTheInsideAndKeepsTheBorder() {
		NDArray dot = this.manager.zeros(new Shape(1, 1, 4, 4));
		dot.set(new ai.djl.ndarray.index.NDIndex("0, 0, 1, 1"), 1f);

		NDArray smoothed = RandAugment.sharpness(dot, factor(0));
		NDArray halfway = RandAugment.sharpness(dot, factor(0.5f));

		float n = 1 / 13f;
		assertPixels(smoothed, 0, 0, 0, 0, 0, 5 * n, n, 0, 0, n, n, 0, 0, 0, 0, 0);
		assertThat(halfway.getFloat(0, 0, 1, 1)).isCloseTo(9 / 13f, within(1e-6f));
	}

	@Test
	void solarizeInvertsTheLevelsAtOrAboveItsThreshold() {
		NDArray image = image(new Shape(1, 1, 1, 3), 0.2f, 0.5f, 0.8f);

		assertPixels(RandAugment.solarize(image, factor(128)), 0.2f, 0.5f, 0.2f);
		assertPixels(RandAugment.solarize(image, factor(0)), 0.8f, 0.5f, 0.2f);
		assertPixels(RandAugment.solarize(image, factor(256)), 0.2f, 0.5f, 0.8f);
	}

	@Test
	void posterizeKeepsTheHighestBits() {
		NDArray image = image(new Shape(1, 1, 1, 3), 200 / 255f, 15 / 255f, 1);

		assertPixels(RandAugment.posterize(image, factor(4.7f)), 192 / 255f, 0, 240 / 255f);
	}

	@Test
	void equalizeSpreadsTheLevelsByTheirCountsBelow() {
		// 1,024 pixels: 400 at level 10, 300 at 50, 324 at 200, shuffled. PIL's step is
		// (1024 - 324) / 255 = 2, so level v becomes (1 + below(v)) / 2: 0, 200 and 350,
		// clipped to 255.
		float[] pixels = new float[1024];
		for (int i = 0; i < pixels.length; i++) {
			int slot = (i * 389) % 1024;
			pixels[slot] = ((i < 400) ? 10 : (i < 700) ? 50 : 200) / 255f;
		}
		NDArray image = this.manager.create(pixels, new Shape(1, 1, 32, 32));

		float[] equalized = RandAugment.equalize(image).toFloatArray();

		for (int i = 0; i < pixels.length; i++) {
			float expected = (pixels[i] == 10 / 255f) ? 0 : (pixels[i] == 50 / 255f) ? 200 / 255f : 1;
			assertThat(equalized[i]).as("pixel %d", i).isCloseTo(expected, within(1e-6f));
		}
		NDArray flat = this.manager.full(new Shape(1, 1, 32, 32), 0.4f);
		assertThat(RandAugment.equalize(flat).toFloatArray()).containsOnly(0.4f);
	}

	@Test
	void affineRotatesShearsAndTranslatesAroundTheCentreFillingWithBlack() {
		NDArray square = image(new Shape(1, 1, 2, 2), 1, 2, 3, 4);
		NDArray rotated = RandAugment.affine(square, matrix(0, 1, 0, -1, 0, 0));
		assertPixels(rotated, 3, 1, 4, 2);

		NDArray row = image(new Shape(1, 1, 1, 3), 1, 2, 3);
		assertPixels(RandAugment.affine(row, matrix(1, 0, 1, 0, 1, 0)), 2, 3, 0);

		NDArray columns = this.manager.arange(1f, 5f, 1f).reshape(1, 1, 1, 4).repeat(2, 4);
		NDArray sheared = RandAugment.affine(columns, matrix(1, 1, 0, 0, 1, 0));
		assertPixels(sheared, 0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 0, 3, 4, 0, 0);
	}

	@Test
	void cutoutFillsASquareWithGray() {
		NDArray ones = this.manager.ones(new Shape(2, 1, 4, 4));
		NDArray half = this.manager.create(new float[] { 0.5f, 0.5f });

		NDArray cut = RandAugment.cutout(ones, half, half, this.manager.create(new float[] { 0.5f, 0 }));

		assertPixels(cut.get("0"), 1, 1, 1, 1, 1, 0.5f, 0.5f, 1, 1, 0.5f, 0.5f, 1, 1, 1, 1, 1);
		assertThat(cut.get("1").toFloatArray()).containsOnly(1f);
	}

	@Test
	void eachImageGoesThroughTheOperationItDrew() {
		// Out of the operations' order, one drawn twice: the images are grouped by
		// operation and put back in their places.
		NDArray images = this.manager.randomUniform(0, 1, new Shape(4, 3, 8, 8));
		NDArray drawn = this.manager.create(new int[] { Operation.TRANSLATE_X.ordinal(), Operation.SOLARIZE.ordinal(),
				Operation.IDENTITY.ordinal(), Operation.SOLARIZE.ordinal() });
		NDArray level = this.manager.create(new float[] { 0.5f / 0.6f, 0.5f, 0.3f, 0.25f });

		NDArray result = RandAugment.apply(images, drawn, level);

		// TRANSLATE_X at 0.2 of 8 columns: each row moves left by 1.6, read from floor(j
		// + 0.5 + 1.6).
		NDArray shifted = RandAugment.affine(images.get("0:1"), matrix(1, 0, 1.6f, 0, 1, 0));
		assertThat(result.get("0").toFloatArray()).containsExactly(shifted.toFloatArray());
		assertThat(result.get("1").toFloatArray())
			.containsExactly(RandAugment.solarize(images.get("1:2"), factor(128)).toFloatArray());
		assertThat(result.get("2").toFloatArray()).containsExactly(images.get("2").toFloatArray());
		assertThat(result.get("3").toFloatArray())
			.containsExactly(RandAugment.solarize(images.get("3:4"), factor(64)).toFloatArray());
	}

	@Test
	void strongViewsKeepShapeAndRangeDifferPerImageAndRepeatWithTheSeed() {
		NDArray batch = this.manager.randomUniform(0, 1, new Shape(1, 3, 16, 16)).repeat(0, 16);

		Engine.getInstance().setRandomSeed(3);
		NDArray first = RandAugment.apply(batch);
		Engine.getInstance().setRandomSeed(3);
		NDArray again = RandAugment.apply(batch);
		Engine.getInstance().setRandomSeed(4);
		NDArray other = RandAugment.apply(batch);

		assertThat(first.getShape()).isEqualTo(batch.getShape());
		assertThat(first.min().getFloat()).isGreaterThanOrEqualTo(0f);
		assertThat(first.max().getFloat()).isLessThanOrEqualTo(1f);
		assertThat(again.toFloatArray()).containsExactly(first.toFloatArray());
		assertThat(other.toFloatArray()).isNotEqualTo(first.toFloatArray());
		long distinct = first.reshape(16, -1)
			.sub(first.get("0:1").reshape(1, -1))
			.abs()
			.max(new int[] { 1 })
			.gt(1e-6f)
			.sum()
			.toType(DataType.INT64, false)
			.getLong();
		assertThat(distinct).as("views unlike the first").isGreaterThan(12);
	}

	private NDArray image(Shape shape, float... pixels) {
		return this.manager.create(pixels, shape);
	}

	private NDArray factor(float value) {
		return this.manager.create(new float[] { value }, new Shape(1, 1, 1, 1));
	}

	private NDArray matrix(float... coefficients) {
		return this.manager.create(coefficients, new Shape(1, 6));
	}

	private static void assertPixels(NDArray actual, float... expected) {
		float[] pixels = actual.toFloatArray();
		assertThat(pixels).hasSize(expected.length);
		for (int i = 0; i < pixels.length; i++) {
			assertThat(pixels[i]).as("pixel %d", i).isCloseTo(expected[i], within(1e-5f));
		}
	}

}
