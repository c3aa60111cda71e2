package io.simmixmatch.inference;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

import io.simmixmatch.data.ImageBytes;
import io.simmixmatch.data.ImagePixels;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.web.ApiProblems;

import org.springframework.web.ErrorResponseException;

/**
 * Turns uploaded bytes into a model's input as evaluation saw its training images: any
 * PNG, JPEG, GIF or BMP, of any size and color mode, converted to the model's channels,
 * resized to its images' size, scaled to [0, 1]. The headers are read first: too many
 * pixels in an image or in the whole request are refused before anything is decoded, and
 * the request then waits for room in the {@link DecodeAdmission decoding budget}.
 */
final class ImageDecoder {

	/**
	 * The most heap a decoded pixel takes: a 16-bit RGBA raster (8 bytes) and the 8-bit
	 * copy it is converted into (4 bytes).
	 */
	static final int DECODED_BYTES_PER_PIXEL = 12;

	private final long maxPixels;

	private final long maxRequestPixels;

	private final DecodeAdmission admission;

	private final InferenceMetrics metrics;

	ImageDecoder(long maxPixels, long maxRequestPixels, DecodeAdmission admission, InferenceMetrics metrics) {
		this.maxPixels = maxPixels;
		this.maxRequestPixels = maxRequestPixels;
		this.admission = admission;
		this.metrics = metrics;
	}

	/**
	 * Decodes the images of one request.
	 * @param files the files' bytes
	 * @param model the model's input description
	 * @return channel-major values in [0, 1], one array per image
	 */
	List<float[]> decode(List<byte[]> files, CheckpointMetadata model) {
		long pixels = 0;
		for (int i = 0; i < files.size(); i++) {
			pixels += header(files.get(i), label(i)).pixels();
		}
		if (pixels > this.maxRequestPixels) {
			throw rejected("too_many_pixels",
					ApiProblems
						.tooLarge("The request's images hold " + pixels + " pixels; at most " + this.maxRequestPixels
								+ " are decoded per request (simmixmatch.inference.max-request-pixels)"));
		}
		try (DecodeAdmission.Admitted admitted = this.admission.admit(pixels * DECODED_BYTES_PER_PIXEL)) {
			return IntStream.range(0, files.size()).mapToObj((i) -> decode(files.get(i), label(i), model)).toList();
		}
	}

	private ImageBytes.Header header(byte[] bytes, String label) {
		if (bytes.length == 0) {
			throw rejected("bad_image", ApiProblems.badRequest(label + " is empty"));
		}
		try {
			ImageBytes.Header header = ImageBytes.header(bytes);
			if (header.pixels() > this.maxPixels) {
				throw new ImageBytes.TooManyPixelsException(header.width(), header.height(), this.maxPixels);
			}
			return header;
		}
		catch (IOException ex) {
			throw refusal(ex, label);
		}
	}

	private float[] decode(byte[] bytes, String label, CheckpointMetadata model) {
		try {
			BufferedImage image = ImageBytes.decode(bytes, this.maxPixels);
			byte[] pixels = ImagePixels.of(image, model.channels(), model.height(), model.width());
			float[] values = new float[pixels.length];
			for (int i = 0; i < pixels.length; i++) {
				values[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
			}
			return values;
		}
		catch (IOException ex) {
			throw refusal(ex, label);
		}
		catch (OutOfMemoryError ex) {
			throw outOfMemory();
		}
	}

	private ErrorResponseException refusal(IOException failure, String label) {
		if (failure instanceof ImageBytes.NotAnImageException) {
			return rejected("unsupported_image",
					ApiProblems.unsupportedMediaType(label + " is not a PNG, JPEG, GIF or BMP image"));
		}
		if (failure instanceof ImageBytes.TooManyPixelsException) {
			return rejected("too_many_pixels", ApiProblems.tooLarge(label + " has " + failure.getMessage()));
		}
		// Some readers wrap what they caught: the heap running out is no fault of the
		// image.
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OutOfMemoryError) {
				return outOfMemory();
			}
		}
		return rejected("bad_image", ApiProblems.badRequest(label + " cannot be decoded: it is corrupt or cut off"));
	}

	private ErrorResponseException outOfMemory() {
		return rejected("out_of_memory", ApiProblems.unavailable(
				"The service is short of memory to decode images; retry shortly", PredictionService.RETRY_AFTER));
	}

	private ErrorResponseException rejected(String kind, ErrorResponseException problem) {
		this.metrics.error(kind);
		return problem;
	}

	private static String label(int index) {
		return "image " + index;
	}

}
