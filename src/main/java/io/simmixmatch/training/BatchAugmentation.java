package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Random augmentation of a whole batch with a handful of tensor operations on the
 * training device, never a loop over images: the weak views of MixMatch and FixMatch (a
 * random crop of the zero-padded image, shifting it by up to an eighth of its side, and a
 * horizontal flip), optionally with brightness/contrast jitter (plus saturation for RGB);
 * and strong views for the contrastive loss, as SimCLR's: a random-resized crop with
 * nearest-neighbour sampling, a flip and a strong jitter. Randomness comes from the
 * engine's generator, which the training loop seeds per step.
 */
final class BatchAugmentation {

	/** The jitter of strong views (SimCLR uses 0.4 for brightness and contrast). */
	private static final float STRONG_JITTER = 0.4f;

	private final int padding;

	private final boolean rgb;

	private final float jitter;

	/**
	 * @param channels 1 for grayscale, 3 for RGB
	 * @param height image height
	 * @param jitter the largest brightness shift and relative contrast (and saturation)
	 * change; 0 for none
	 */
	BatchAugmentation(int channels, int height, float jitter) {
		this.rgb = channels == 3;
		this.padding = Math.max(1, height / 8);
		this.jitter = jitter;
	}

	/**
	 * Augments a batch.
	 * @param images {@code (N, C, H, W)} floats in [0, 1]
	 * @return augmented images of the same shape, in [0, 1]
	 */
	NDArray apply(NDArray images) {
		NDArray flipped = randomFlip(randomPaddedCrop(images));
		return (this.jitter > 0) ? jitter(flipped, this.jitter) : flipped;
	}

	/**
	 * A strong view of a batch, for the contrastive loss only.
	 * @param images {@code (N, C, H, W)} floats in [0, 1]
	 * @return views of the same shape, in [0, 1]
	 */
	NDArray strong(NDArray images) {
		return jitter(randomFlip(randomResizedCrop(images)), STRONG_JITTER);
	}

	private NDArray randomPaddedCrop(NDArray images) {
		NDManager manager = images.getManager();
		Shape shape = images.getShape();
		long n = shape.get(0);
		long h = shape.get(2);
		long w = shape.get(3);
		int p = this.padding;
		NDArray padded = images.pad(new Shape(p, p, p, p), 0);
		NDArray top = manager.randomInteger(0, 2L * p + 1, new Shape(n, 1), DataType.INT64);
		NDArray left = manager.randomInteger(0, 2L * p + 1, new Shape(n, 1), DataType.INT64);
		NDArray rows = top.add(manager.arange(0, h, 1, DataType.INT64).reshape(1, h));
		NDArray cols = left.add(manager.arange(0, w, 1, DataType.INT64).reshape(1, w));
		return gatherCrop(padded, rows, cols);
	}

	/**
	 * Area scale in [0.35, 1], aspect ratio in [3/4, 4/3], resized back by nearest
	 * neighbour.
	 */
	private NDArray randomResizedCrop(NDArray images) {
		NDManager manager = images.getManager();
		Shape shape = images.getShape();
		long n = shape.get(0);
		long h = shape.get(2);
		long w = shape.get(3);
		NDArray area = manager.randomUniform(0.35f, 1f, new Shape(n, 1));
		NDArray logRatio = manager.randomUniform((float) Math.log(3.0 / 4), (float) Math.log(4.0 / 3), new Shape(n, 1));
		NDArray ratio = logRatio.exp();
		NDArray cropH = area.div(ratio).sqrt().clip(0.1, 1).mul(h);
		NDArray cropW = area.mul(ratio).sqrt().clip(0.1, 1).mul(w);
		NDArray top = manager.randomUniform(0, 1, new Shape(n, 1)).mul(cropH.neg().add(h));
		NDArray left = manager.randomUniform(0, 1, new Shape(n, 1)).mul(cropW.neg().add(w));
		NDArray rows = samplePositions(manager, top, cropH, h);
		NDArray cols = samplePositions(manager, left, cropW, w);
		return gatherCrop(images, rows, cols);
	}

	// For output pixel i of a crop starting at start with length size: start + (i + 0.5)
	// * size / out.
	private static NDArray samplePositions(NDManager manager, NDArray start, NDArray size, long out) {
		NDArray centers = manager.arange(0.5f, out, 1f).reshape(1, out);
		return start.add(centers.mul(size.div(out))).floor().clip(0, out - 1).toType(DataType.INT64, false);
	}

	/**
	 * Picks rows {@code rows[n, i]} and columns {@code cols[n, j]} of each image
	 * {@code n}: two gathers cover crops of any per-image position and scale.
	 */
	private static NDArray gatherCrop(NDArray images, NDArray rows, NDArray cols) {
		Shape shape = images.getShape();
		long n = shape.get(0);
		long c = shape.get(1);
		long outH = rows.getShape().get(1);
		long outW = cols.getShape().get(1);
		NDArray rowIndex = rows.reshape(n, 1, outH, 1).broadcast(n, c, outH, shape.get(3));
		NDArray picked = images.gather(rowIndex, 2);
		NDArray colIndex = cols.reshape(n, 1, 1, outW).broadcast(n, c, outH, outW);
		return picked.gather(colIndex, 3);
	}

	private static NDArray randomFlip(NDArray images) {
		NDManager manager = images.getManager();
		long n = images.getShape().get(0);
		// 1 for images to flip, 0 for the others: where() would not broadcast the mask.
		NDArray flip = manager.randomUniform(0, 1, new Shape(n, 1, 1, 1)).lt(0.5f).toType(DataType.FLOAT32, false);
		return images.add(images.flip(3).sub(images).mul(flip));
	}

	private NDArray jitter(NDArray images, float strength) {
		NDManager manager = images.getManager();
		long n = images.getShape().get(0);
		Shape perImage = new Shape(n, 1, 1, 1);
		NDArray brightness = manager.randomUniform(-strength, strength, perImage);
		NDArray contrast = manager.randomUniform(1 - strength, 1 + strength, perImage);
		NDArray result = images;
		if (this.rgb) {
			NDArray gray = luminance(images);
			NDArray saturation = manager.randomUniform(1 - strength, 1 + strength, perImage);
			result = gray.add(result.sub(gray).mul(saturation));
		}
		NDArray mean = result.reshape(n, -1).mean(new int[] { 1 }).reshape(perImage);
		return result.sub(mean).mul(contrast).add(mean).add(brightness).clip(0, 1);
	}

	/**
	 * The gray level of each pixel, as PIL's conversion to "L" weighs the channels.
	 * @param images {@code (N, C, H, W)}, grayscale or RGB
	 * @return {@code (N, 1, H, W)}
	 */
	static NDArray luminance(NDArray images) {
		if (images.getShape().get(1) == 1) {
			return images;
		}
		NDArray weights = images.getManager().create(new float[] { 0.299f, 0.587f, 0.114f }, new Shape(1, 3, 1, 1));
		return images.mul(weights).sum(new int[] { 1 }, true);
	}

}
