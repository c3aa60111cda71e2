package io.simmixmatch.data;

import java.util.List;

/**
 * Decoded images of a data set, kept as compact bytes: {@code pixels} holds the images
 * one after another, each channel-major ({@code C x H x W}) with values 0..255.
 *
 * @param name the data set name
 * @param channels 1 for grayscale, 3 for RGB
 * @param height image height
 * @param width image width
 * @param classNames class labels by class id
 * @param pixels all images, {@code size() * imageBytes()} bytes
 * @param labels the class id of each image, or {@link #UNLABELED}
 * @param predefinedTest indices of the images the data set itself holds out for testing;
 * empty when the split holds out a test set of its own
 */
public record ImageSet(String name, int channels, int height, int width, List<String> classNames, byte[] pixels,
		int[] labels, int[] predefinedTest) {

	/** The label of an image whose class nobody knows. */
	public static final int UNLABELED = -1;

	/** The most pixel bytes an image set holds: one Java array's. */
	public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

	public ImageSet {
		classNames = List.copyOf(classNames);
		if ((long) labels.length * channels * height * width != pixels.length) {
			throw new IllegalArgumentException("%d labels but %d pixel bytes of %dx%dx%d images"
				.formatted(labels.length, pixels.length, channels, height, width));
		}
		for (int label : labels) {
			if (label < UNLABELED || label >= classNames.size()) {
				throw new IllegalArgumentException("Label " + label + " is not a class of " + name);
			}
		}
	}

	/**
	 * The number of images.
	 * @return the number of images
	 */
	public int size() {
		return this.labels.length;
	}

	/**
	 * The number of classes.
	 * @return the number of classes
	 */
	public int numClasses() {
		return this.classNames.size();
	}

	/**
	 * The bytes of one image.
	 * @return {@code channels * height * width}
	 */
	public int imageBytes() {
		return this.channels * this.height * this.width;
	}

}
