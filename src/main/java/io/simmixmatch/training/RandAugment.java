package io.simmixmatch.training;

import java.util.Comparator;
import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * FixMatch's strong view (Sohn et al. 2020, "RandAugment" with random magnitudes, then
 * Cutout) of a whole batch in tensor operations on the training device. Each image goes
 * through {@value #OPERATIONS_PER_IMAGE} operations drawn uniformly from the fourteen of
 * {@link Operation}, each at a magnitude drawn uniformly from its range (the ranges of
 * USB's implementation), then loses a square of up to half its side to gray. In each
 * round the images are grouped by the operation they drew, and each operation computed
 * for its group; the five geometric ones are affine resamplings. Images are
 * {@code (N, C, H, W)} floats in [0, 1]; the randomness comes from the engine's
 * generator, which the training loop seeds per step.
 */
final class RandAugment {

	static final int OPERATIONS_PER_IMAGE = 2;

	/** The largest Cutout square, as a share of the image's side. */
	private static final float CUTOUT = 0.5f;

	private static final float CUTOUT_GRAY = 0.5f;

	/** The operations and the ranges of their magnitudes. */
	enum Operation {

		AUTO_CONTRAST(0, 1), BRIGHTNESS(0.05f, 0.95f), COLOR(0.05f, 0.95f), CONTRAST(0.05f, 0.95f), EQUALIZE(0, 1),
		IDENTITY(0, 1), POSTERIZE(4, 8), ROTATE(-30, 30), SHARPNESS(0.05f, 0.95f), SHEAR_X(-0.3f, 0.3f),
		SHEAR_Y(-0.3f, 0.3f), SOLARIZE(0, 256), TRANSLATE_X(-0.3f, 0.3f), TRANSLATE_Y(-0.3f, 0.3f);

		private final float min;

		private final float max;

		Operation(float min, float max) {
			this.min = min;
			this.max = max;
		}

		/** The magnitude at a level in [0, 1]: {@code min + level * (max - min)}. */
		NDArray magnitude(NDArray level) {
			return level.mul(this.max - this.min).add(this.min);
		}

	}

	private RandAugment() {
	}

	/**
	 * A strong view of every image.
	 * @param images {@code (N, C, H, W)} in [0, 1]
	 * @return views of the same shape, in [0, 1]
	 */
	static NDArray apply(NDArray images) {
		NDManager manager = images.getManager();
		Shape perImage = new Shape(images.getShape().get(0));
		NDArray result = images;
		for (int round = 0; round < OPERATIONS_PER_IMAGE; round++) {
			NDArray drawn = manager.randomInteger(0, Operation.values().length, perImage, DataType.INT32);
			result = apply(result, drawn, manager.randomUniform(0, 1, perImage));
		}
		NDArray size = manager.randomUniform(0, CUTOUT, perImage);
		return cutout(result, manager.randomUniform(0, 1, perImage), manager.randomUniform(0, 1, perImage), size);
	}

	/**
	 * One round: every image through the operation it drew. The images are grouped by
	 * operation, so that each operation is computed for its own images only.
	 * @param images {@code (N, C, H, W)}
	 * @param drawn {@code (N)} the ordinal of each image's operation
	 * @param level {@code (N)} where in its range each image's magnitude lies, in [0, 1]
	 * @return the images after their operation
	 */
	static NDArray apply(NDArray images, NDArray drawn, NDArray level) {
		NDManager manager = images.getManager();
		int[] operations = drawn.toIntArray();
		long[] order = IntStream.range(0, operations.length)
			.boxed()
			.sorted(Comparator.comparingInt((image) -> operations[image]))
			.mapToLong(Integer::longValue)
			.toArray();
		NDArray grouped = manager.create(order);
		NDArray groupedImages = images.get(grouped);
		NDArray groupedLevel = level.get(grouped);
		NDList results = new NDList();
		for (int from = 0, to; from < order.length; from = to) {
			Operation operation = Operation.values()[operations[(int) order[from]]];
			to = from + 1;
			while (to < order.length && operations[(int) order[to]] == operation.ordinal()) {
				to++;
			}
			String group = from + ":" + to;
			results.add(transform(operation, groupedImages.get(group), groupedLevel.get(group)));
		}
		long[] inverse = new long[order.length];
		for (int place = 0; place < order.length; place++) {
			inverse[(int) order[place]] = place;
		}
		return NDArrays.concat(results).get(manager.create(inverse));
	}

	private static NDArray transform(Operation operation, NDArray images, NDArray level) {
		NDArray magnitude = operation.magnitude(level).reshape(-1, 1, 1, 1);
		return switch (operation) {
			case AUTO_CONTRAST -> autoContrast(images);
			case BRIGHTNESS -> brightness(images, magnitude);
			case COLOR -> color(images, magnitude);
			case CONTRAST -> contrast(images, magnitude);
			case EQUALIZE -> equalize(images);
			case IDENTITY -> images;
			case POSTERIZE -> posterize(images, magnitude);
			case SHARPNESS -> sharpness(images, magnitude);
			case SOLARIZE -> solarize(images, magnitude);
			case ROTATE, SHEAR_X, SHEAR_Y, TRANSLATE_X, TRANSLATE_Y ->
				affine(images, geometry(operation, magnitude.reshape(-1), images.getShape()));
		};
	}

	/** Stretches each channel to span [0, 1]; a flat channel stays as it is. */
	static NDArray autoContrast(NDArray images) {
		Shape shape = images.getShape();
		NDArray channels = images.reshape(shape.get(0), shape.get(1), -1);
		NDArray low = channels.min(new int[] { 2 }, true);
		NDArray range = channels.max(new int[] { 2 }, true).sub(low);
		NDArray flat = range.lte(0f).toType(DataType.FLOAT32, false);
		return channels.sub(low).div(range.add(flat)).mul(flat.neg().add(1)).add(channels.mul(flat)).reshape(shape);
	}

	/** Blends with black: {@code x * factor}. */
	static NDArray brightness(NDArray images, NDArray factor) {
		return images.mul(factor).clip(0, 1);
	}

	/** Blends with the image's grayscale: saturation times {@code factor}. */
	static NDArray color(NDArray images, NDArray factor) {
		return blend(BatchAugmentation.luminance(images), images, factor);
	}

	/** Blends with the image's mean gray level (rounded to a level of 255, as PIL). */
	static NDArray contrast(NDArray images, NDArray factor) {
		NDArray mean = BatchAugmentation.luminance(images)
			.reshape(images.getShape().get(0), -1)
			.mean(new int[] { 1 })
			.mul(255)
			.round()
			.div(255)
			.reshape(-1, 1, 1, 1);
		return blend(mean, images, factor);
	}

	/**
	 * Blends with a smoothed copy (PIL's 3x3 SMOOTH kernel, 5 in the centre and 1 around,
	 * over 13; the border stays as it is): below 1, {@code factor} blurs.
	 */
	static NDArray sharpness(NDArray images, NDArray factor) {
		Shape shape = images.getShape();
		long h = shape.get(2);
		long w = shape.get(3);
		NDArray inner = images.get(":, :, 1:-1, 1:-1").mul(4);
		for (int dy = 0; dy < 3; dy++) {
			for (int dx = 0; dx < 3; dx++) {
				inner = inner.add(images.get(":, :, %d:%d, %d:%d".formatted(dy, h - 2 + dy, dx, w - 2 + dx)));
			}
		}
		NDArray border = images.getManager()
			.ones(new Shape(1, 1, h - 2, w - 2))
			.pad(new Shape(1, 1, 1, 1), 0)
			.neg()
			.add(1);
		NDArray smoothed = inner.div(13).pad(new Shape(1, 1, 1, 1), 0).add(images.mul(border));
		return blend(smoothed, images, factor);
	}

	/**
	 * Inverts every pixel at or above {@code threshold / 255} (threshold in [0, 256]).
	 */
	static NDArray solarize(NDArray images, NDArray threshold) {
		NDArray above = images.mul(255).gte(threshold).toType(DataType.FLOAT32, false);
		return images.add(images.mul(-2).add(1).mul(above));
	}

	/** Keeps the {@code floor(bits)} highest bits of each 8-bit level. */
	static NDArray posterize(NDArray images, NDArray bits) {
		NDArray step = NDArrays.pow(2f, bits.floor().neg().add(8));
		return images.mul(255).round().div(step).floor().mul(step).div(255);
	}

	/**
	 * Histogram equalization of each channel, as PIL's: with {@code below} the pixels of
	 * lower levels and {@code step} the pixels below the top level over 255, level
	 * {@code v} becomes {@code (step / 2 + below(v)) / step} (integer divisions). The
	 * counts come from sorting: a sorted channel's runs of equal levels start where the
	 * level changes, and a run's start is the count below its level.
	 */
	static NDArray equalize(NDArray images) {
		NDManager manager = images.getManager();
		Shape shape = images.getShape();
		long pixels = shape.get(2) * shape.get(3);
		NDArray levels = images.mul(255).round().reshape(-1, pixels);
		long rows = levels.getShape().get(0);
		NDArray order = levels.argSort(1);
		NDArray sorted = levels.gather(order, 1);
		NDArray starts = manager.ones(new Shape(rows, 1))
			.concat(sorted.get(":, 1:").neq(sorted.get(":, :-1")).toType(DataType.FLOAT32, false), 1);
		NDArray run = starts.cumSum(1).sub(1).toType(DataType.INT64, false);
		// Run starts first, in order; every other position after them.
		NDArray key = manager.arange(0f, pixels, 1f).reshape(1, pixels).add(starts.neg().add(1).mul(pixels));
		NDArray runStarts = key.argSort(1);
		NDArray belowSorted = runStarts.gather(run, 1).toType(DataType.FLOAT32, false);
		NDArray below = belowSorted.gather(order.argSort(1), 1);
		NDArray step = belowSorted.get(":, -1:").div(255).floor();
		NDArray equalized = step.div(2).floor().add(below).div(step.maximum(1)).floor().clip(0, 255).div(255);
		NDArray spread = step.gt(0f).toType(DataType.FLOAT32, false);
		return equalized.mul(spread).add(images.reshape(-1, pixels).mul(spread.neg().add(1))).reshape(shape);
	}

	/**
	 * Resamples each image by nearest neighbour: output pixel {@code p}, as an offset
	 * from the centre, reads the input at {@code A p + t} from the centre, with
	 * {@code matrix = (a00, a01, tx, a10, a11, ty)} per image; outside the image is
	 * black.
	 * @param images {@code (N, C, H, W)}
	 * @param matrix {@code (N, 6)}
	 * @return the resampled images
	 */
	static NDArray affine(NDArray images, NDArray matrix) {
		NDManager manager = images.getManager();
		Shape shape = images.getShape();
		long n = shape.get(0);
		long c = shape.get(1);
		long h = shape.get(2);
		long w = shape.get(3);
		NDArray x = manager.arange(0f, w, 1f).add(0.5f - w / 2f).reshape(1, 1, w);
		NDArray y = manager.arange(0f, h, 1f).add(0.5f - h / 2f).reshape(1, h, 1);
		NDArray m = matrix.reshape(n, 6, 1, 1);
		NDArray sourceX = m.get(":, 0").mul(x).add(m.get(":, 1").mul(y)).add(m.get(":, 2")).add(w / 2f).floor();
		NDArray sourceY = m.get(":, 3").mul(x).add(m.get(":, 4").mul(y)).add(m.get(":, 5")).add(h / 2f).floor();
		NDArray inside = sourceX.gte(0f)
			.logicalAnd(sourceX.lt((float) w))
			.logicalAnd(sourceY.gte(0f))
			.logicalAnd(sourceY.lt((float) h))
			.toType(DataType.FLOAT32, false)
			.reshape(n, 1, h, w);
		NDArray index = sourceY.clip(0, h - 1)
			.mul(w)
			.add(sourceX.clip(0, w - 1))
			.toType(DataType.INT64, false)
			.reshape(n, 1, h * w)
			.broadcast(n, c, h * w);
		return images.reshape(n, c, h * w).gather(index, 2).reshape(shape).mul(inside);
	}

	/**
	 * Fills a square of each image with gray.
	 * @param images {@code (N, C, H, W)}
	 * @param centerX {@code (N)} the square's centre, as a share of the width
	 * @param centerY {@code (N)} the same of the height
	 * @param size {@code (N)} its side, as a share of the width
	 * @return the images with their square
	 */
	static NDArray cutout(NDArray images, NDArray centerX, NDArray centerY, NDArray size) {
		NDManager manager = images.getManager();
		Shape shape = images.getShape();
		long n = shape.get(0);
		long h = shape.get(2);
		long w = shape.get(3);
		NDArray side = size.mul(w).reshape(n, 1);
		NDArray left = centerX.mul(w).reshape(n, 1).sub(side.div(2)).maximum(0).floor();
		NDArray top = centerY.mul(h).reshape(n, 1).sub(side.div(2)).maximum(0).floor();
		NDArray columns = within(manager.arange(0f, w, 1f).reshape(1, w), left, side).reshape(n, 1, 1, w);
		NDArray rows = within(manager.arange(0f, h, 1f).reshape(1, h), top, side).reshape(n, 1, h, 1);
		NDArray square = rows.mul(columns);
		return images.mul(square.neg().add(1)).add(square.mul(CUTOUT_GRAY));
	}

	// 1 where start <= i < start + length.
	private static NDArray within(NDArray positions, NDArray start, NDArray length) {
		return positions.gte(start).logicalAnd(positions.lt(start.add(length))).toType(DataType.FLOAT32, false);
	}

	// The affine matrix (a00, a01, tx, a10, a11, ty) of a geometric operation, a row
	// per image.
	private static NDArray geometry(Operation operation, NDArray magnitude, Shape shape) {
		NDArray zero = magnitude.zerosLike();
		NDArray one = magnitude.onesLike();
		NDList matrix = switch (operation) {
			case ROTATE -> {
				NDArray angle = magnitude.mul((float) Math.PI / 180);
				NDArray cos = angle.cos();
				NDArray sin = angle.sin();
				yield new NDList(cos, sin, zero, sin.neg(), cos, zero);
			}
			case SHEAR_X -> new NDList(one, magnitude, zero, zero, one, zero);
			case SHEAR_Y -> new NDList(one, zero, zero, magnitude, one, zero);
			case TRANSLATE_X -> new NDList(one, zero, magnitude.mul(shape.get(3)), zero, one, zero);
			case TRANSLATE_Y -> new NDList(one, zero, zero, zero, one, magnitude.mul(shape.get(2)));
			default -> throw new IllegalArgumentException(operation + " is not geometric");
		};
		return NDArrays.stack(matrix, 1);
	}

	// {@code degenerate + factor * (images - degenerate)}, as PIL's ImageEnhance.
	private static NDArray blend(NDArray degenerate, NDArray images, NDArray factor) {
		return images.sub(degenerate).mul(factor).add(degenerate).clip(0, 1);
	}

}
