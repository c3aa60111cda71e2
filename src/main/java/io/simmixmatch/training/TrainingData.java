package io.simmixmatch.training;

import java.nio.ByteBuffer;
import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.simmixmatch.data.DataSplit;
import io.simmixmatch.data.ImageSet;

/**
 * A data set on the training device: all images as one uint8 tensor, so a batch is one
 * gather and one conversion, with the split and the normalization of the training images.
 */
final class TrainingData implements AutoCloseable {

	private final ImageSet images;

	private final DataSplit split;

	private final NDArray pixels;

	private final Normalization normalization;

	TrainingData(ImageSet images, DataSplit split, NDManager manager) {
		this.images = images;
		this.split = split;
		this.pixels = manager.create(ByteBuffer.wrap(images.pixels()),
				new Shape(images.size(), images.channels(), images.height(), images.width()), DataType.UINT8);
		int[] training = concat(split.labeled(), split.unlabeled());
		this.normalization = Normalization.measure(images.pixels(), images.channels(), images.height() * images.width(),
				training);
	}

	/**
	 * Images of the data set as floats in [0, 1], on the training device.
	 * @param indices image indices
	 * @param manager the manager the batch belongs to
	 * @return {@code (N, C, H, W)}
	 */
	NDArray batch(long[] indices, NDManager manager) {
		NDArray index = manager.create(indices);
		NDArray picked = this.pixels.get(new NDIndex("{}", index));
		picked.attach(manager);
		return picked.toType(DataType.FLOAT32, false).divi(255f);
	}

	/**
	 * One-hot class distributions of images.
	 * @param indices image indices
	 * @param manager the manager the array belongs to
	 * @return {@code (N, classes)}
	 */
	NDArray oneHotLabels(long[] indices, NDManager manager) {
		return manager.create(labels(indices)).oneHot(this.images.numClasses());
	}

	int[] labels(long[] indices) {
		return Arrays.stream(indices).mapToInt((index) -> this.images.labels()[(int) index]).toArray();
	}

	ImageSet images() {
		return this.images;
	}

	DataSplit split() {
		return this.split;
	}

	Normalization normalization() {
		return this.normalization;
	}

	Shape imageShape() {
		return new Shape(this.images.channels(), this.images.height(), this.images.width());
	}

	@Override
	public void close() {
		this.pixels.close();
	}

	private static int[] concat(int[] a, int[] b) {
		int[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

}
