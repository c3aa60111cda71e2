package io.simmixmatch.inference;

import java.awt.image.BufferedImage;
import java.io.IOException;

import io.simmixmatch.data.ImageBytes;
import io.simmixmatch.data.ImagePixels;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.web.ApiProblems;

import org.springframework.web.ErrorResponseException;

/**
 * Turns uploaded bytes into a model's input as evaluation saw its training images: any
 * PNG, JPEG, GIF or BMP, of any size and color mode, converted to the model's channels,
 * resized to its images' size, scaled to [0, 1]; too many pixels are refused from the
 * header ({@link ImageBytes}).
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
		try {
			return ImageBytes.decode(bytes, this.maxPixels);
		}
		catch (ImageBytes.NotAnImageException ex) {
			throw rejected("unsupported_image",
					ApiProblems.unsupportedMediaType(label + " is not a PNG, JPEG, GIF or BMP image"));
		}
		catch (ImageBytes.TooManyPixelsException ex) {
			throw rejected("too_many_pixels", ApiProblems.tooLarge(label + " has " + ex.getMessage()));
		}
		catch (IOException ex) {
			throw rejected("bad_image", ApiProblems.badRequest(label + " cannot be decoded: it is corrupt or cut off"));
		}
	}

	private ErrorResponseException rejected(String kind, ErrorResponseException problem) {
		this.metrics.error(kind);
		return problem;
	}

}
