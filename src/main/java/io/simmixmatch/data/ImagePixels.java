package io.simmixmatch.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The one conversion from a decoded image to a model's input bytes, shared by training
 * (image folders) and serving: convert to the channels, resize bilinearly to the side,
 * and lay the bytes out channel-major (all red values, then green, then blue).
 */
public final class ImagePixels {

	private ImagePixels() {
	}

	/**
	 * Converts an image.
	 * @param image any decoded image
	 * @param channels 1 (grayscale) or 3 (RGB)
	 * @param height the height to resize to
	 * @param width the width to resize to
	 * @return {@code channels * height * width} bytes, channel-major
	 */
	public static byte[] of(BufferedImage image, int channels, int height, int width) {
		if (channels == 1 && image.getType() == BufferedImage.TYPE_BYTE_GRAY && image.getWidth() == width
				&& image.getHeight() == height) {
			// Already what drawing it would produce: its samples as they are.
			return (byte[]) image.getRaster().getDataElements(0, 0, width, height, null);
		}
		BufferedImage resized = new BufferedImage(width, height,
				(channels == 1) ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = resized.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		graphics.drawImage(image, 0, 0, width, height, null);
		graphics.dispose();
		byte[] pixels = new byte[channels * height * width];
		int index = 0;
		for (int c = 0; c < channels; c++) {
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					// A gray raster's samples as they are: getRGB would map them through
					// the color space and shift them.
					int value = (channels == 1) ? resized.getRaster().getSample(x, y, 0)
							: (resized.getRGB(x, y) >> (16 - 8 * c)) & 0xff;
					pixels[index++] = (byte) value;
				}
			}
		}
		return pixels;
	}

	/**
	 * The inverse, for looking at a data set: one image's channel-major bytes as an
	 * image.
	 * @param pixels images one after another, channel-major
	 * @param index which image
	 * @param channels 1 or 3
	 * @param height its height
	 * @param width its width
	 * @return the image, grayscale or RGB
	 */
	public static BufferedImage toImage(byte[] pixels, int index, int channels, int height, int width) {
		BufferedImage image = new BufferedImage(width, height,
				(channels == 1) ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
		int plane = height * width;
		int offset = index * channels * plane;
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int p = offset + y * width + x;
				if (channels == 1) {
					image.getRaster().setSample(x, y, 0, Byte.toUnsignedInt(pixels[p]));
				}
				else {
					image.setRGB(x, y, Byte.toUnsignedInt(pixels[p]) << 16 | Byte.toUnsignedInt(pixels[p + plane]) << 8
							| Byte.toUnsignedInt(pixels[p + 2 * plane]));
				}
			}
		}
		return image;
	}

}
