package io.simmixmatch.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A Fashion-MNIST-shaped data set (28x28 grayscale, 10 classes) that needs no download:
 * class k shows stripes, horizontal for k < 5 and vertical otherwise, with a period of
 * {@code 2 + k % 5} pixels, plus noise. Crops, flips and jitter keep the class.
 */
public final class SyntheticImages {

	public static final List<String> CLASSES = IntStream.range(0, 10).mapToObj((k) -> "class " + k).toList();

	private SyntheticImages() {
	}

	public static ImageSet of(int perClass, long seed) {
		Random random = new Random(seed);
		int count = perClass * CLASSES.size();
		byte[] pixels = new byte[count * 28 * 28];
		int[] labels = new int[count];
		for (int image = 0; image < count; image++) {
			int label = image % CLASSES.size();
			labels[image] = label;
			int period = 2 + label % 5;
			int phase = random.nextInt(period);
			for (int y = 0; y < 28; y++) {
				for (int x = 0; x < 28; x++) {
					int position = (label < 5) ? y : x;
					double value = ((position + phase) % period == 0) ? 200 : 30;
					value += random.nextGaussian() * 20;
					pixels[image * 784 + y * 28 + x] = (byte) Math.max(0, Math.min(255, (int) value));
				}
			}
		}
		return new ImageSet("synthetic", 1, 28, 28, CLASSES, pixels, labels, new int[0]);
	}

	/**
	 * Writes a synthetic data set as the four IDX files of an MNIST-style distribution.
	 * @param directory where to write them
	 * @param trainPerClass training images per class
	 * @param testPerClass test images per class
	 * @throws IOException if they cannot be written
	 */
	public static void writeIdx(Path directory, int trainPerClass, int testPerClass) throws IOException {
		Files.createDirectories(directory);
		writeIdx(directory, "train", of(trainPerClass, 1));
		writeIdx(directory, "t10k", of(testPerClass, 2));
	}

	private static void writeIdx(Path directory, String prefix, ImageSet images) throws IOException {
		try (DataOutputStream out = new DataOutputStream(
				Files.newOutputStream(directory.resolve(prefix + "-images-idx3-ubyte")))) {
			out.writeInt(0x803);
			out.writeInt(images.size());
			out.writeInt(images.height());
			out.writeInt(images.width());
			out.write(images.pixels());
		}
		try (DataOutputStream out = new DataOutputStream(
				Files.newOutputStream(directory.resolve(prefix + "-labels-idx1-ubyte")))) {
			out.writeInt(0x801);
			out.writeInt(images.size());
			for (int label : images.labels()) {
				out.write(label);
			}
		}
	}

}
