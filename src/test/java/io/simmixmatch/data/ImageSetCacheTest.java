package io.simmixmatch.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The image set cache written image by image, and the first format still read. */
class ImageSetCacheTest {

	private static final List<String> CLASSES = List.of("a", "b");

	@TempDir
	Path dir;

	@Test
	void imagesWrittenInAnyOrderKeepTheirSlotsOrderAndTheGapsClose() throws IOException {
		Path cache = this.dir.resolve("images.smm");
		DataSplit split = new DataSplit(new int[] { 0 }, new int[] { 1 }, new int[] { 2 }, new int[0]);

		try (ImageSetCache.Writer writer = new ImageSetCache.Writer(cache, "shop", 1, 2, 2, CLASSES, 5)) {
			writer.put(3, image(3), ImageSet.UNLABELED);
			writer.put(0, image(0), 1);
			writer.put(2, image(2), 0);
			writer.finish(new int[0], split);
		}

		LoadedDataset read = ImageSetCache.readWithSplit(cache);
		assertThat(read.images().pixels()).as("slots 0, 2 and 3; 1 and 4 never written")
			.containsExactly(concat(image(0), image(2), image(3)));
		assertThat(read.images().labels()).containsExactly(1, 0, ImageSet.UNLABELED);
		assertThat(read.split()).usingRecursiveComparison().isEqualTo(split);
		assertThat(ImageSetCache.readSample(cache, 1, 4).pixels()).containsExactly(image(0));
		assertThat(Files.size(cache)).as("nothing left past the layout")
			.isEqualTo(4 + (2 + 4) + 4 * 4 + 2 * (2 + 1) + 8 + 3 * 4 + (4 + 12) + 4 + 1 + 4 * 4 + 3 * 4);
	}

	@Test
	void aCacheOfTheFirstFormatIsStillRead() throws IOException {
		Path cache = this.dir.resolve("old.smm");
		try (OutputStream file = Files.newOutputStream(cache); DataOutputStream out = new DataOutputStream(file)) {
			out.writeInt(0x534d4d32);
			out.writeShort(3);
			out.writeBytes("old");
			for (int value : new int[] { 1, 2, 2, 2 }) {
				out.writeInt(value);
			}
			for (String className : CLASSES) {
				out.writeShort(1);
				out.writeBytes(className);
			}
			writeInts(out, 1, 0);
			writeInts(out);
			out.writeBoolean(true);
			writeInts(out, 1);
			writeInts(out, 0);
			writeInts(out);
			writeInts(out);
			out.writeInt(8);
			out.write(concat(image(7), image(9)));
		}

		LoadedDataset read = ImageSetCache.readWithSplit(cache);

		assertThat(read.images().name()).isEqualTo("old");
		assertThat(read.images().labels()).containsExactly(1, 0);
		assertThat(read.images().pixels()).containsExactly(concat(image(7), image(9)));
		assertThat(read.split().labeled()).containsExactly(1);
		assertThat(ImageSetCache.readSample(cache, 0, 1).pixels()).containsExactly(image(9));
	}

	private static byte[] image(int value) {
		return new byte[] { (byte) value, (byte) (value + 10), (byte) (value + 20), (byte) (value + 30) };
	}

	private static byte[] concat(byte[]... images) {
		byte[] all = new byte[images.length * 4];
		for (int i = 0; i < images.length; i++) {
			System.arraycopy(images[i], 0, all, i * 4, 4);
		}
		return all;
	}

	private static void writeInts(DataOutputStream out, int... values) throws IOException {
		out.writeInt(values.length);
		for (int value : values) {
			out.writeInt(value);
		}
	}

}
