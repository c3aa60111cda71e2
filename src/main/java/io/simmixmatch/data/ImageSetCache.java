package io.simmixmatch.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * A compact binary copy of a decoded {@link ImageSet}, and of its split where the data
 * set brings one (an imported archive's layout), so that a second load reads bytes
 * instead of parsing JSON or decoding images. Written to a temporary file and renamed, so
 * a reader never sees half a cache.
 */
public final class ImageSetCache {

	private static final int MAGIC = 0x534d4d32; // "SMM2"

	private ImageSetCache() {
	}

	public static void write(ImageSet images, Path file) throws IOException {
		write(images, null, file);
	}

	/**
	 * Writes images with the split their data set defines.
	 * @param dataset the images and their split
	 * @param file where to write
	 * @throws IOException if it cannot be written
	 */
	public static void write(LoadedDataset dataset, Path file) throws IOException {
		write(dataset.images(), dataset.split(), file);
	}

	private static void write(ImageSet images, @Nullable DataSplit split, Path file) throws IOException {
		AtomicFiles.replace(file, (partial) -> writeTo(partial, images, split));
	}

	private static void writeTo(Path partial, ImageSet images, @Nullable DataSplit split) throws IOException {
		try (OutputStream stream = Files.newOutputStream(partial);
				DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16))) {
			out.writeInt(MAGIC);
			writeUtf(out, images.name());
			out.writeInt(images.channels());
			out.writeInt(images.height());
			out.writeInt(images.width());
			out.writeInt(images.numClasses());
			for (String className : images.classNames()) {
				writeUtf(out, className);
			}
			writeInts(out, images.labels());
			writeInts(out, images.predefinedTest());
			out.writeBoolean(split != null);
			if (split != null) {
				writeInts(out, split.labeled());
				writeInts(out, split.validation());
				writeInts(out, split.unlabeled());
				writeInts(out, split.test());
			}
			out.writeInt(images.pixels().length);
			out.write(images.pixels());
		}
	}

	public static ImageSet read(Path file) throws IOException {
		return readAll(file).images();
	}

	/**
	 * Reads images written with their split.
	 * @param file the cache
	 * @return the images and their split
	 * @throws IOException if it cannot be read or holds no split
	 */
	public static LoadedDataset readWithSplit(Path file) throws IOException {
		Cached cached = readAll(file);
		if (cached.split() == null) {
			throw new IOException(file + " holds no split");
		}
		return new LoadedDataset(cached.images(), cached.split());
	}

	/**
	 * Reads a few labeled images of one class, and only their pixels: for thumbnails of a
	 * large data set.
	 * @param file the cache
	 * @param label the class id
	 * @param count the most images to read
	 * @return up to {@code count} images of the class, training images of the split first
	 * @throws IOException if the cache cannot be read
	 */
	public static ImageSet readSample(Path file, int label, int count) throws IOException {
		try (FileChannel channel = FileChannel.open(file)) {
			ByteBuffer in = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
			Header header = header(file, in);
			in.getInt();
			int pixelsStart = in.position();
			IntStream candidates = (header.split() != null) ? IntStream.of(header.split().labeled())
					: IntStream.range(0, header.labels().length);
			int[] chosen = candidates.filter((index) -> header.labels()[index] == label).limit(count).toArray();
			int imageBytes = header.channels() * header.height() * header.width();
			byte[] pixels = new byte[chosen.length * imageBytes];
			for (int i = 0; i < chosen.length; i++) {
				in.get(pixelsStart + chosen[i] * imageBytes, pixels, i * imageBytes, imageBytes);
			}
			int[] labels = new int[chosen.length];
			Arrays.fill(labels, label);
			return new ImageSet(header.name(), header.channels(), header.height(), header.width(), header.classNames(),
					pixels, labels, new int[0]);
		}
	}

	private static Cached readAll(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file)) {
			ByteBuffer in = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
			Header header = header(file, in);
			byte[] pixels = new byte[in.getInt()];
			in.get(pixels);
			return new Cached(new ImageSet(header.name(), header.channels(), header.height(), header.width(),
					header.classNames(), pixels, header.labels(), header.predefinedTest()), header.split());
		}
	}

	private static Header header(Path file, ByteBuffer in) throws IOException {
		if (in.getInt() != MAGIC) {
			throw new IOException(file + " is not an image set cache");
		}
		String name = readUtf(in);
		int channels = in.getInt();
		int height = in.getInt();
		int width = in.getInt();
		int numClasses = in.getInt();
		List<String> classNames = new ArrayList<>(numClasses);
		for (int i = 0; i < numClasses; i++) {
			classNames.add(readUtf(in));
		}
		int[] labels = readInts(in);
		int[] predefinedTest = readInts(in);
		DataSplit split = (in.get() != 0) ? new DataSplit(readInts(in), readInts(in), readInts(in), readInts(in))
				: null;
		return new Header(name, channels, height, width, classNames, labels, predefinedTest, split);
	}

	private static void writeInts(DataOutputStream out, int[] values) throws IOException {
		out.writeInt(values.length);
		for (int value : values) {
			out.writeInt(value);
		}
	}

	private static int[] readInts(ByteBuffer in) {
		int[] values = new int[in.getInt()];
		in.asIntBuffer().get(values);
		in.position(in.position() + values.length * Integer.BYTES);
		return values;
	}

	private static void writeUtf(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeShort(bytes.length);
		out.write(bytes);
	}

	private static String readUtf(ByteBuffer in) {
		byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
		in.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private record Cached(ImageSet images, @Nullable DataSplit split) {
	}

	/** Everything before the pixels. */
	private record Header(String name, int channels, int height, int width, List<String> classNames, int[] labels,
			int[] predefinedTest, @Nullable DataSplit split) {
	}

}
