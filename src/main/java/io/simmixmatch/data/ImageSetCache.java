package io.simmixmatch.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

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
		Files.createDirectories(file.toAbsolutePath().getParent());
		// Unique, so that two processes filling one cache never write the same file.
		Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".partial");
		try {
			writeTo(partial, images, split);
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(partial);
		}
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

	private static Cached readAll(Path file) throws IOException {
		ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
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
		byte[] pixels = new byte[in.getInt()];
		in.get(pixels);
		return new Cached(new ImageSet(name, channels, height, width, classNames, pixels, labels, predefinedTest),
				split);
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

}
