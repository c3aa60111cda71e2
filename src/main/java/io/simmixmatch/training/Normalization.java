package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Per-channel mean and standard deviation of the training images (in [0, 1] units): the
 * evaluation transform that serving must apply too, so checkpoints carry it.
 *
 * @param mean per channel
 * @param std per channel
 */
public record Normalization(float[] mean, float[] std) {

	/**
	 * Normalizes a batch.
	 * @param images {@code (N, C, H, W)} in [0, 1]
	 * @return {@code (images - mean) / std}
	 */
	public NDArray apply(NDArray images) {
		Shape perChannel = new Shape(1, this.mean.length, 1, 1);
		NDArray mean = images.getManager().create(this.mean, perChannel);
		NDArray std = images.getManager().create(this.std, perChannel);
		return images.sub(mean).div(std);
	}

	/**
	 * Measures the statistics of images stored as bytes.
	 * @param pixels images one after another, channel-major, 0..255
	 * @param channels channels per image
	 * @param pixelsPerChannel pixels of each channel (height x width)
	 * @param indices the images to measure
	 * @return their normalization
	 */
	public static Normalization measure(byte[] pixels, int channels, int pixelsPerChannel, int[] indices) {
		double[] sum = new double[channels];
		double[] squares = new double[channels];
		for (int index : indices) {
			int offset = index * channels * pixelsPerChannel;
			for (int c = 0; c < channels; c++) {
				for (int p = 0; p < pixelsPerChannel; p++) {
					double value = Byte.toUnsignedInt(pixels[offset + c * pixelsPerChannel + p]) / 255.0;
					sum[c] += value;
					squares[c] += value * value;
				}
			}
		}
		float[] mean = new float[channels];
		float[] std = new float[channels];
		double count = (double) indices.length * pixelsPerChannel;
		for (int c = 0; c < channels; c++) {
			double m = sum[c] / count;
			mean[c] = (float) m;
			std[c] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, squares[c] / count - m * m)));
		}
		return new Normalization(mean, std);
	}

}
