package io.simmixmatch.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * Reads the image-folder layout in which user data sets (such as NAVER-Fashion-like data)
 * arrive: {@code labeled/<class>/*}, {@code unlabeled/*} and an optional
 * {@code val/<class>/*}. Every image is converted to the requested channels and resized
 * to a square of the requested side. The layout is the split: the labeled images are the
 * labeled set, {@code val/} the validation set (without it, the labeled images stand in
 * for validation), and there is no test set.
 */
public final class ImageFolder {

	private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

	private ImageFolder() {
	}

	public static LoadedDataset read(Path root, String name, int channels, int side) throws IOException {
		Path labeledRoot = root.resolve("labeled");
		if (!Files.isDirectory(labeledRoot)) {
			throw new IOException(root + " has no labeled/<class>/ directories");
		}
		List<String> classes = sortedChildren(labeledRoot, true).stream()
			.map((dir) -> dir.getFileName().toString())
			.toList();
		Images images = new Images(channels, side);
		for (int label = 0; label < classes.size(); label++) {
			images.addAll(labeledRoot.resolve(classes.get(label)), label, Role.LABELED);
		}
		images.addAll(root.resolve("unlabeled"), ImageSet.UNLABELED, Role.UNLABELED);
		Path val = root.resolve("val");
		for (int label = 0; label < classes.size(); label++) {
			images.addAll(val.resolve(classes.get(label)), label, Role.VALIDATION);
		}
		ImageSet set = new ImageSet(name, channels, side, side, classes, images.pixels(), images.labels(), new int[0]);
		int[] labeled = images.indices(Role.LABELED);
		int[] validation = images.indices(Role.VALIDATION);
		DataSplit split = new DataSplit(labeled, (validation.length > 0) ? validation : labeled,
				images.indices(Role.UNLABELED), new int[0]);
		return new LoadedDataset(set, split);
	}

	private static List<Path> sortedChildren(Path dir, boolean directories) throws IOException {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> children = Files.list(dir)) {
			return children.filter((path) -> directories ? Files.isDirectory(path) : isImage(path)).sorted().toList();
		}
	}

	private static boolean isImage(Path path) {
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		return Files.isRegularFile(path) && EXTENSIONS.stream().anyMatch(name::endsWith);
	}

	private enum Role {

		LABELED, UNLABELED, VALIDATION

	}

	/** Decoded images, converted and resized, as they are added. */
	private static final class Images {

		private final int channels;

		private final int side;

		private final ByteArrayOutputStream pixels = new ByteArrayOutputStream();

		private final List<Integer> labels = new ArrayList<>();

		private final List<Role> roles = new ArrayList<>();

		Images(int channels, int side) {
			this.channels = channels;
			this.side = side;
		}

		void addAll(Path dir, int label, Role role) throws IOException {
			for (Path file : sortedChildren(dir, false)) {
				BufferedImage image = ImageIO.read(file.toFile());
				if (image == null) {
					throw new IOException(file + " is not an image this reader can decode");
				}
				this.pixels.writeBytes(ImagePixels.of(image, this.channels, this.side, this.side));
				this.labels.add(label);
				this.roles.add(role);
			}
		}

		byte[] pixels() {
			return this.pixels.toByteArray();
		}

		int[] labels() {
			return this.labels.stream().mapToInt(Integer::intValue).toArray();
		}

		int[] indices(Role role) {
			return IntStream.range(0, this.roles.size()).filter((i) -> this.roles.get(i) == role).toArray();
		}

	}

}
