package io.simmixmatch.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * A compact binary copy of a decoded {@link ImageSet}, and of its split where the data
 * set brings one (an imported archive's layout), so that a second load reads bytes
 * instead of parsing JSON or decoding images. It is written image by image
 * ({@link Writer}), so an import never holds more than one decoded image: the
 * description, the number of images, their pixels, then their labels and the split. Files
 * of the first format (labels before pixels, at most 2 GiB of pixels) are still read.
 */
public final class ImageSetCache {

	private static final int MAGIC = 0x534d4d33; // "SMM3"

	private static final int FIRST_FORMAT = 0x534d4d32; // "SMM2"

	private static final int BUFFER = 1 << 16;

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
		AtomicFiles.replace(file, (partial) -> {
			int imageBytes = images.imageBytes();
			try (Writer writer = new Writer(partial, images.name(), images.channels(), images.height(), images.width(),
					images.classNames(), images.size())) {
				for (int i = 0; i < images.size(); i++) {
					writer.put(i, Arrays.copyOfRange(images.pixels(), i * imageBytes, (i + 1) * imageBytes),
							images.labels()[i]);
				}
				writer.finish(images.predefinedTest(), split);
			}
		});
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
			Contents contents = contents(file, channel);
			Description description = contents.description();
			Layout layout = contents.layout();
			IntStream candidates = (layout.split() != null) ? IntStream.of(layout.split().labeled())
					: IntStream.range(0, layout.labels().length);
			int[] chosen = candidates.filter((index) -> layout.labels()[index] == label).limit(count).toArray();
			int imageBytes = description.imageBytes();
			ByteBuffer pixels = ByteBuffer.allocate(chosen.length * imageBytes);
			for (int index : chosen) {
				readFully(channel, pixels, contents.pixelsStart() + (long) index * imageBytes, imageBytes);
			}
			int[] labels = new int[chosen.length];
			Arrays.fill(labels, label);
			return new ImageSet(description.name(), description.channels(), description.height(), description.width(),
					description.classNames(), pixels.array(), labels, new int[0]);
		}
	}

	private static Cached readAll(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file)) {
			Contents contents = contents(file, channel);
			Description description = contents.description();
			long bytes = (long) contents.layout().labels().length * description.imageBytes();
			if (bytes > ImageSet.MAX_BYTES) {
				throw new IOException(file + " holds " + bytes + " bytes of pixels, more than one array can take");
			}
			ByteBuffer pixels = ByteBuffer.allocate((int) bytes);
			readFully(channel, pixels, contents.pixelsStart(), (int) bytes);
			Layout layout = contents.layout();
			return new Cached(
					new ImageSet(description.name(), description.channels(), description.height(), description.width(),
							description.classNames(), pixels.array(), layout.labels(), layout.predefinedTest()),
					layout.split());
		}
	}

	// Everything but the pixels, and where they start.
	private static Contents contents(Path file, FileChannel channel) throws IOException {
		DataInputStream in = stream(channel, 0);
		int magic = in.readInt();
		if (magic != MAGIC && magic != FIRST_FORMAT) {
			throw new IOException(file + " is not an image set cache");
		}
		Description description = Description.read(in);
		long afterDescription = Integer.BYTES + description.bytes();
		if (magic == FIRST_FORMAT) {
			Layout layout = Layout.read(in);
			return new Contents(description, layout, afterDescription + layout.bytes() + Integer.BYTES);
		}
		long images = in.readLong();
		long pixelsStart = afterDescription + Long.BYTES;
		Layout layout = Layout.read(stream(channel, pixelsStart + images * description.imageBytes()));
		return new Contents(description, layout, pixelsStart);
	}

	private static DataInputStream stream(FileChannel channel, long position) throws IOException {
		channel.position(position);
		return new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), BUFFER));
	}

	private static void readFully(FileChannel channel, ByteBuffer into, long position, int length) throws IOException {
		int end = into.position() + length;
		for (long at = position; into.position() < end;) {
			int read = channel.read(into.limit(end), at);
			if (read < 0) {
				throw new IOException("The image set cache ends before its pixels do");
			}
			at += read;
		}
	}

	private static int[] readInts(DataInputStream in) throws IOException {
		int[] values = new int[in.readInt()];
		for (int i = 0; i < values.length; i++) {
			values[i] = in.readInt();
		}
		return values;
	}

	private static String readUtf(DataInputStream in) throws IOException {
		return new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
	}

	private static int utfBytes(String value) {
		return Short.BYTES + value.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * A cache written one image at a time into a file of its own: an image goes to its
	 * slot as soon as it is decoded, and {@link #finish} closes the gaps of slots that
	 * never got one (images that could not be decoded), keeping the others in slot order.
	 */
	public static final class Writer implements Closeable {

		private final FileChannel channel;

		private final int imageBytes;

		private final long pixelsStart;

		private final int[] labels;

		private final boolean[] filled;

		/**
		 * Starts a cache.
		 * @param file where to write (a file of the caller's, replaced)
		 * @param name the data set's name
		 * @param channels 1 for grayscale, 3 for RGB
		 * @param height image height
		 * @param width image width
		 * @param classNames class labels by class id
		 * @param slots the most images
		 * @throws IOException if the file cannot be written
		 */
		public Writer(Path file, String name, int channels, int height, int width, List<String> classNames, int slots)
				throws IOException {
			this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
			this.imageBytes = channels * height * width;
			this.labels = new int[slots];
			this.filled = new boolean[slots];
			Description description = new Description(name, channels, height, width, classNames);
			ByteBuffer head = ByteBuffer.allocate(Integer.BYTES + (int) description.bytes() + Long.BYTES);
			head.putInt(MAGIC);
			description.write(head);
			head.putLong(0);
			this.pixelsStart = head.position();
			try {
				write(head.flip(), 0);
			}
			catch (IOException ex) {
				this.channel.close();
				throw ex;
			}
		}

		/**
		 * Writes an image into its slot.
		 * @param slot its place among the images
		 * @param pixels its bytes, {@code C x H x W}
		 * @param label its class id, or {@link ImageSet#UNLABELED}
		 * @throws IOException if it cannot be written
		 */
		public void put(int slot, byte[] pixels, int label) throws IOException {
			write(ByteBuffer.wrap(pixels, 0, this.imageBytes), this.pixelsStart + (long) slot * this.imageBytes);
			this.labels[slot] = label;
			this.filled[slot] = true;
		}

		/**
		 * Closes the gaps and writes the number of images, their labels and the split.
		 * @param predefinedTest the data set's own test images, by index after the gaps
		 * @param split the split, by index after the gaps, or null
		 * @throws IOException if it cannot be written
		 */
		public void finish(int[] predefinedTest, @Nullable DataSplit split) throws IOException {
			int images = 0;
			ByteBuffer image = ByteBuffer.allocate(this.imageBytes);
			for (int slot = 0; slot < this.filled.length; slot++) {
				if (this.filled[slot]) {
					if (slot != images) {
						readFully(this.channel, image.clear(), this.pixelsStart + (long) slot * this.imageBytes,
								this.imageBytes);
						write(image.flip(), this.pixelsStart + (long) images * this.imageBytes);
					}
					this.labels[images++] = this.labels[slot];
				}
			}
			long end = this.pixelsStart + (long) images * this.imageBytes;
			this.channel.truncate(end);
			write(ByteBuffer.allocate(Long.BYTES).putLong(images).flip(), this.pixelsStart - Long.BYTES);
			Layout layout = new Layout(Arrays.copyOf(this.labels, images), predefinedTest, split);
			ByteBuffer tail = ByteBuffer.allocate((int) layout.bytes());
			layout.write(tail);
			write(tail.flip(), end);
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

		private void write(ByteBuffer buffer, long position) throws IOException {
			for (long at = position; buffer.hasRemaining();) {
				at += this.channel.write(buffer, at);
			}
		}

	}

	/** What the images are: the part before everything else. */
	private record Description(String name, int channels, int height, int width, List<String> classNames) {

		static Description read(DataInputStream in) throws IOException {
			String name = readUtf(in);
			int channels = in.readInt();
			int height = in.readInt();
			int width = in.readInt();
			int numClasses = in.readInt();
			List<String> classNames = new ArrayList<>(numClasses);
			for (int i = 0; i < numClasses; i++) {
				classNames.add(readUtf(in));
			}
			return new Description(name, channels, height, width, classNames);
		}

		void write(ByteBuffer out) {
			putUtf(out, this.name);
			out.putInt(this.channels).putInt(this.height).putInt(this.width).putInt(this.classNames.size());
			this.classNames.forEach((className) -> putUtf(out, className));
		}

		long bytes() {
			return utfBytes(this.name) + 4L * Integer.BYTES
					+ this.classNames.stream().mapToLong(ImageSetCache::utfBytes).sum();
		}

		int imageBytes() {
			return this.channels * this.height * this.width;
		}

		private static void putUtf(ByteBuffer out, String value) {
			byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
			out.putShort((short) bytes.length).put(bytes);
		}

	}

	/**
	 * Where each image belongs: the labels, the data set's own test images, the split.
	 */
	private record Layout(int[] labels, int[] predefinedTest, @Nullable DataSplit split) {

		static Layout read(DataInputStream in) throws IOException {
			int[] labels = readInts(in);
			int[] predefinedTest = readInts(in);
			DataSplit split = in.readBoolean() ? new DataSplit(readInts(in), readInts(in), readInts(in), readInts(in))
					: null;
			return new Layout(labels, predefinedTest, split);
		}

		void write(ByteBuffer out) {
			putInts(out, this.labels);
			putInts(out, this.predefinedTest);
			out.put((byte) ((this.split != null) ? 1 : 0));
			if (this.split != null) {
				putInts(out, this.split.labeled());
				putInts(out, this.split.validation());
				putInts(out, this.split.unlabeled());
				putInts(out, this.split.test());
			}
		}

		long bytes() {
			long arrays = 2 + this.labels.length + this.predefinedTest.length;
			if (this.split != null) {
				arrays += 4 + this.split.labeled().length + this.split.validation().length
						+ this.split.unlabeled().length + this.split.test().length;
			}
			return arrays * Integer.BYTES + 1;
		}

		private static void putInts(ByteBuffer out, int[] values) {
			out.putInt(values.length);
			out.asIntBuffer().put(values);
			out.position(out.position() + values.length * Integer.BYTES);
		}

	}

	private record Contents(Description description, Layout layout, long pixelsStart) {
	}

	private record Cached(ImageSet images, @Nullable DataSplit split) {
	}

}
