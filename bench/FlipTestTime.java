import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import ai.djl.Device;
import io.simmixmatch.training.Classifier;

/**
 * Flip test-time augmentation measured on a trained checkpoint: test top-1 of the
 * classifier on the images as they are, on their mirror images, and on the mean of both
 * probabilities. The test folder holds one sub-folder per class, named as the
 * checkpoint's classes. Run with the extracted application jar as the class path:
 * java -cp APP.jar bench/FlipTestTime.java CHECKPOINT TEST_FOLDER
 */
public class FlipTestTime {

	private static final int BATCH = 500;

	public static void main(String[] args) throws Exception {
		System.setProperty("ai.djl.offline", "true");
		try (Classifier classifier = Classifier.load(Path.of(args[0]), Device.cpu())) {
			List<String> classes = classifier.metadata().classNames();
			List<float[]> images = new ArrayList<>();
			List<Integer> labels = new ArrayList<>();
			for (int label = 0; label < classes.size(); label++) {
				try (Stream<Path> files = Files.list(Path.of(args[1], classes.get(label))).sorted()) {
					for (Path file : (Iterable<Path>) files::iterator) {
						images.add(pixels(ImageIO.read(file.toFile()), classifier));
						labels.add(label);
					}
				}
			}
			int plain = 0;
			int mirrored = 0;
			int averaged = 0;
			for (int from = 0; from < images.size(); from += BATCH) {
				int count = Math.min(BATCH, images.size() - from);
				float[][] original = classifier.probabilities(batch(images, from, count, false, classifier), count);
				float[][] flipped = classifier.probabilities(batch(images, from, count, true, classifier), count);
				for (int i = 0; i < count; i++) {
					int truth = labels.get(from + i);
					float[] mean = new float[original[i].length];
					for (int c = 0; c < mean.length; c++) {
						mean[c] = (original[i][c] + flipped[i][c]) / 2;
					}
					plain += (argmax(original[i]) == truth) ? 1 : 0;
					mirrored += (argmax(flipped[i]) == truth) ? 1 : 0;
					averaged += (argmax(mean) == truth) ? 1 : 0;
				}
			}
			double n = images.size();
			System.out.printf("images,%d%nplain_top1,%.4f%nflipped_top1,%.4f%nflip_averaged_top1,%.4f%n",
					images.size(), plain / n, mirrored / n, averaged / n);
		}
	}

	// Channel-major pixels in [0, 1], as the classifier expects.
	private static float[] pixels(BufferedImage image, Classifier classifier) {
		int channels = classifier.metadata().channels();
		int height = classifier.metadata().height();
		int width = classifier.metadata().width();
		if (image.getWidth() != width || image.getHeight() != height) {
			throw new IllegalArgumentException("Expected " + width + " x " + height + " images");
		}
		float[] values = new float[channels * height * width];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int rgb = image.getRGB(x, y);
				for (int c = 0; c < channels; c++) {
					int shift = (channels == 1) ? 0 : 16 - 8 * c;
					values[(c * height + y) * width + x] = ((rgb >> shift) & 0xFF) / 255f;
				}
			}
		}
		return values;
	}

	private static float[] batch(List<float[]> images, int from, int count, boolean flip, Classifier classifier) {
		int size = classifier.imageSize();
		int width = classifier.metadata().width();
		float[] values = new float[count * size];
		for (int i = 0; i < count; i++) {
			float[] image = images.get(from + i);
			for (int row = 0; row < size / width; row++) {
				for (int x = 0; x < width; x++) {
					values[i * size + row * width + x] = image[row * width + (flip ? width - 1 - x : x)];
				}
			}
		}
		return values;
	}

	private static int argmax(float[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] > values[best]) {
				best = i;
			}
		}
		return best;
	}

}
