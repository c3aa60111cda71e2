package io.simmixmatch.inference;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.simmixmatch.data.ImagePixels;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.web.ApiProblems;

import org.springframework.web.ErrorResponseException;

/**
 * Turns uploaded bytes into a model's input as evaluation saw its training images: any
 * PNG, JPEG, GIF or BMP, of any size and color mode, converted to the model's channels,
 * resized to its images' size, scaled to [0, 1]. The image's size is read from its header
 * and checked before anything is decoded, so a small file that unpacks into billions of
 * pixels is refused without being unpacked.
 */
final class ImageDecoder {

	private final long maxPixels;

	private final InferenceMetrics metrics;

	ImageDecoder(long maxPixels, InferenceMetrics metrics) {
		this.maxPixels = maxPixels;
		this.metrics = metrics;
	}

	/**
	 * Decodes one image.
	 * @param bytes the file's bytes
	 * @param label how to name it in an error, such as "image 2"
	 * @param model the model's input description
	 * @return channel-major values in [0, 1]
	 */
	float[] decode(byte[] bytes, String label, CheckpointMetadata model) {
		if (bytes.length == 0) {
			throw rejected("bad_image", ApiProblems.badRequest(label + " is empty"));
		}
		BufferedImage image = read(bytes, label);
		byte[] pixels = ImagePixels.of(image, model.channels(), model.height(), model.width());
		float[] values = new float[pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			values[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
		}
		return values;
	}

	private BufferedImage read(byte[] bytes, String label) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw rejected("unsupported_image",
						ApiProblems.unsupportedMediaType(label + " is not a PNG, JPEG, GIF or BMP image"));
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
				if (pixels > this.maxPixels) {
					throw rejected("too_many_pixels", ApiProblems.tooLarge("%s has %d x %d pixels; at most %d are taken"
						.formatted(label, reader.getWidth(0), reader.getHeight(0), this.maxPixels)));
				}
				return reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (ErrorResponseException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw rejected("bad_image", ApiProblems.badRequest(label + " cannot be decoded: it is corrupt or cut off"));
		}
	}

	private ErrorResponseException rejected(String kind, ErrorResponseException problem) {
		this.metrics.error(kind);
		return problem;
	}

}
