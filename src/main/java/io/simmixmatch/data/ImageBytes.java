package io.simmixmatch.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files (PNG, JPEG, GIF, BMP) for training imports and predictions alike: the
 * size is read from the header and checked before anything is decoded, so a small file
 * that unpacks into billions of pixels is refused without being unpacked.
 */
public final class ImageBytes {

	private ImageBytes() {
	}

	/**
	 * Reads an image's header.
	 * @param bytes the file
	 * @return its size and colour
	 * @throws NotAnImageException if no reader recognizes it
	 * @throws IOException if its header is corrupt
	 */
	public static Header header(byte[] bytes) throws IOException {
		return withReader(bytes, (reader) -> {
			ImageTypeSpecifier type = reader.getRawImageType(0);
			if (type == null) {
				Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
				type = types.hasNext() ? types.next() : null;
			}
			boolean colour = type == null || type.getColorModel().getNumColorComponents() > 1;
			return new Header(reader.getWidth(0), reader.getHeight(0), colour);
		});
	}

	/**
	 * Decodes an image that is within a pixel budget.
	 * @param bytes the file
	 * @param maxPixels the most pixels it may have
	 * @return the image
	 * @throws NotAnImageException if no reader recognizes it
	 * @throws TooManyPixelsException if its header declares more pixels
	 * @throws IOException if it is corrupt or cut off
	 */
	public static BufferedImage decode(byte[] bytes, long maxPixels) throws IOException {
		return withReader(bytes, (reader) -> {
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if ((long) width * height > maxPixels) {
				throw new TooManyPixelsException(width, height, maxPixels);
			}
			return reader.read(0);
		});
	}

	private static <T> T withReader(byte[] bytes, ReaderFunction<T> function) throws IOException {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw new NotAnImageException();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				return function.apply(reader);
			}
			finally {
				reader.dispose();
			}
		}
		catch (RuntimeException ex) {
			// Readers throw unchecked exceptions for some malformed files.
			throw new IOException("Corrupt image: " + ex, ex);
		}
	}

	@FunctionalInterface
	private interface ReaderFunction<T> {

		T apply(ImageReader reader) throws IOException;

	}

	/**
	 * What an image's header says.
	 *
	 * @param width its width
	 * @param height its height
	 * @param colour whether it has more than one colour component
	 */
	public record Header(int width, int height, boolean colour) {

		/**
		 * Its pixels.
		 * @return {@code width * height}
		 */
		public long pixels() {
			return (long) this.width * this.height;
		}

	}

	/** Bytes that no image reader recognizes. */
	public static final class NotAnImageException extends IOException {

		NotAnImageException() {
			super("Not a PNG, JPEG, GIF or BMP image");
		}

	}

	/** An image whose header declares more pixels than the budget. */
	public static final class TooManyPixelsException extends IOException {

		public TooManyPixelsException(int width, int height, long maxPixels) {
			super("%d x %d pixels; at most %d are taken".formatted(width, height, maxPixels));
		}

	}

}
