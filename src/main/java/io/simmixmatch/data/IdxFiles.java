package io.simmixmatch.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-style IDX files ({@code *-images-idx3-ubyte} and
 * {@code *-labels-idx1-ubyte}, optionally gzipped): the canonical distribution of
 * Fashion-MNIST. The test files become the data set's own test set.
 */
public final class IdxFiles {

	private static final int IMAGES_MAGIC = 0x00000803;

	private static final int LABELS_MAGIC = 0x00000801;

	private IdxFiles() {
	}

	/**
	 * Reads a training and a test set from one directory, named as the original
	 * distribution names them ({@code train-images-idx3-ubyte[.gz]} and so on).
	 * @param directory the directory of the four files
	 * @param name the data set name
	 * @param classNames class names by class id
	 * @return training images followed by test images, the latter as the predefined test
	 * set
	 * @throws IOException if a file is missing or malformed
	 */
	public static ImageSet read(Path directory, String name, List<String> classNames) throws IOException {
		Images train = readImages(find(directory, "train-images-idx3-ubyte"));
		int[] trainLabels = readLabels(find(directory, "train-labels-idx1-ubyte"));
		Images test = readImages(find(directory, "t10k-images-idx3-ubyte"));
		int[] testLabels = readLabels(find(directory, "t10k-labels-idx1-ubyte"));
		if (train.count() != trainLabels.length || test.count() != testLabels.length || train.height() != test.height()
				|| train.width() != test.width()) {
			throw new IOException("The IDX files in " + directory + " do not match each other");
		}
		byte[] pixels = new byte[train.pixels().length + test.pixels().length];
		System.arraycopy(train.pixels(), 0, pixels, 0, train.pixels().length);
		System.arraycopy(test.pixels(), 0, pixels, train.pixels().length, test.pixels().length);
		int[] labels = new int[train.count() + test.count()];
		System.arraycopy(trainLabels, 0, labels, 0, trainLabels.length);
		System.arraycopy(testLabels, 0, labels, trainLabels.length, testLabels.length);
		int[] predefinedTest = IntStream.range(train.count(), labels.length).toArray();
		return new ImageSet(name, 1, train.height(), train.width(), classNames, pixels, labels, predefinedTest);
	}

	private static Path find(Path directory, String baseName) throws IOException {
		for (String candidate : List.of(baseName, baseName + ".gz")) {
			Path file = directory.resolve(candidate);
			if (Files.isRegularFile(file)) {
				return file;
			}
		}
		throw new IOException("No " + baseName + "[.gz] in " + directory);
	}

	private static Images readImages(Path file) throws IOException {
		try (DataInputStream in = open(file)) {
			checkMagic(in.readInt(), IMAGES_MAGIC, file);
			int count = in.readInt();
			int height = in.readInt();
			int width = in.readInt();
			byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(count, height), width)];
			in.readFully(pixels);
			return new Images(count, height, width, pixels);
		}
	}

	private static int[] readLabels(Path file) throws IOException {
		try (DataInputStream in = open(file)) {
			checkMagic(in.readInt(), LABELS_MAGIC, file);
			int[] labels = new int[in.readInt()];
			for (int i = 0; i < labels.length; i++) {
				labels[i] = in.readUnsignedByte();
			}
			return labels;
		}
	}

	private static DataInputStream open(Path file) throws IOException {
		InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
		return new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in);
	}

	private static void checkMagic(int actual, int expected, Path file) throws IOException {
		if (actual != expected) {
			throw new IOException("%s is not an IDX file of this kind (magic 0x%08x, expected 0x%08x)".formatted(file,
					actual, expected));
		}
	}

	private record Images(int count, int height, int width, byte[] pixels) {
	}

}
