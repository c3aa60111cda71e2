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

/**
 * A compact binary copy of a decoded {@link ImageSet}, so that a second load reads bytes
 * instead of parsing JSON or decoding images. Written to a temporary file and renamed, so
 * a reader never sees half a cache.
 */
public final class ImageSetCache {

	private static final int MAGIC = 0x534d4d31; // "SMM1"

	private ImageSetCache() {
	}

	public static void write(ImageSet images, Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
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
			out.writeInt(images.pixels().length);
			out.write(images.pixels());
		}
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	public static ImageSet read(Path file) throws IOException {
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
		byte[] pixels = new byte[in.getInt()];
		in.get(pixels);
		return new ImageSet(name, channels, height, width, classNames, pixels, labels, predefinedTest);
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

}
