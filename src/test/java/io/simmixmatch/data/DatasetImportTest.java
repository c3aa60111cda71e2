package io.simmixmatch.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.simmixmatch.data.Archives.encode;
import static io.simmixmatch.data.Archives.gray;
import static io.simmixmatch.data.Archives.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Importing archives in the image-folder layout, and refusing what is not one. */
class DatasetImportTest {

	private static final ArchiveLimits LIMITS = new ArchiveLimits(10_000, 16 << 20, 256 << 20, 100);

	private static final DatasetImport.Options DEFAULTS = DatasetImport.Options.of(null, null);

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "zip", "tar", "tar.gz" })
	void importsAnArchiveOfMixedFormatsFromInsideItsTopFolder(String kind) throws Exception {
		Archives archive = Archives.shopLike(12, 3, 1)
			.add("shop/labeled/item-000/deep.png", encode(Archives.rgba16(9, 7), "png"))
			.add("shop/labeled/item-000/palette.png", encode(Archives.palette(8, 8), "png"))
			.add("shop/labeled/item-001/gray.png", encode(gray(10, 10, 100), "png"))
			.add("shop/labeled/item-002/print.jpg", Archives.cmykJpeg(0, 255, 255, 0))
			.add("shop/unlabeled/notes.txt", "not an image".getBytes())
			.add("shop/unlabeled/cut.png", Arrays.copyOf(encode(rgb(30, 30, 0x123456), "png"), 40))
			.add("shop/.DS_Store", new byte[] { 0, 1, 2 })
			.add("shop/README.md", "# shop".getBytes())
			.add("shop/cover.png", encode(rgb(8, 8, 0), "png"));

		ImageSource source = source(archive, kind);
		Path cache = this.dir.resolve("shop.smm");
		DatasetImport.Imported imported = DatasetImport.decode(source, DatasetImport.scan(source, DEFAULTS), "shop",
				cache, (decoded) -> {
				});

		LoadedDataset cached = ImageSetCache.readWithSplit(cache);
		ImageSet images = cached.images();
		DataSplit split = cached.split();
		assertThat(imported.split()).usingRecursiveComparison().isEqualTo(split);
		assertThat(imported.images()).isEqualTo(images.size());
		assertThat(images.classNames()).hasSize(12).startsWith("item-000", "item-001").endsWith("item-011");
		assertThat(images.channels()).as("colour images: RGB").isEqualTo(3);
		assertThat(images.height()).as("the RGB default").isEqualTo(32);
		assertThat(split.labeled()).hasSize(12 * 2 + 4);
		assertThat(split.validation()).as("val/ is the validation set").hasSize(12);
		assertThat(split.unlabeled()).hasSize(12 * 3);
		assertThat(split.test()).isEmpty();
		assertThat(imported.labeledPerClass()).startsWith(4, 3, 3, 2);
		// The header of the cut PNG is intact: the scan plans it, the decode skips it
		assertThat(imported.skipped()).containsExactlyInAnyOrderEntriesOf(Map.of("corrupt", 1, "not an image", 2,
				"outside labeled/<class>/, unlabeled/, val/<class>/ and test/<class>/", 1));
		assertThat(pixel(images, 2, 0)).as("16-bit red, scaled to 8 bits").isEqualTo(255);
		assertThat(pixel(images, 2, 1)).as("no green in 16-bit red").isZero();
		assertThat(pixel(images, 6, 0)).as("grayscale among RGB: R = G = B").isEqualTo(100);
		assertThat(pixel(images, 6, 2)).isEqualTo(100);
		assertThat(pixel(images, 9, 0)).as("CMYK magenta + yellow: red").isGreaterThan(240);
		assertThat(pixel(images, 9, 1)).isLessThan(15);
		assertThat(pixel(images, 9, 2)).isLessThan(15);
	}

	@Test
	void grayscaleImagesImportAsOneChannelAtTheirDefaultSize() throws Exception {
		Archives archive = new Archives();
		for (int i = 0; i < 4; i++) {
			archive.add("labeled/dark/" + i + ".png", encode(gray(28, 28, 10), "png"));
			archive.add("labeled/light/" + i + ".png", encode(gray(40, 40, 240), "png"));
		}
		archive.add("unlabeled/a/b/deep.png", encode(gray(5, 5, 128), "png"));

		ImageSet images = DatasetImport.load(source(archive, "zip"), DEFAULTS, "gray").images();

		assertThat(images.channels()).isEqualTo(1);
		assertThat(images.height()).isEqualTo(28);
		assertThat(images.labels()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, ImageSet.UNLABELED);
		assertThat(Byte.toUnsignedInt(images.pixels()[4 * 784])).isEqualTo(240);
	}

	@Test
	void withoutValOrTestASeededShareOfTheLabeledImagesIsHeldOut() throws Exception {
		Archives archive = new Archives();
		for (int i = 0; i < 10; i++) {
			archive.add("labeled/a/" + i + ".png", encode(rgb(8, 8, 0xff0000), "png"));
			archive.add("labeled/b/" + i + ".png", encode(rgb(8, 8, 0x00ff00), "png"));
		}
		ImageSource source = source(archive, "tar");

		DataSplit byDefault = DatasetImport.load(source, DEFAULTS, "x").split();
		DataSplit again = DatasetImport.load(source, DEFAULTS, "x").split();
		DataSplit asked = DatasetImport.load(source, new DatasetImport.Options(null, null, 4, 3, 1 << 20, 10), "x")
			.split();

		assertThat(byDefault.validation()).as("a fifth of 10, per class").hasSize(2 * 2);
		assertThat(byDefault.labeled()).hasSize(2 * 8);
		assertThat(byDefault.test()).as("no test set unless asked").isEmpty();
		assertThat(again.validation()).as("seeded: the same images every time").containsExactly(byDefault.validation());
		assertThat(asked.test()).hasSize(2 * 3);
		assertThat(asked.validation()).hasSize(2 * 4);
		assertThat(asked.labeled()).hasSize(2 * 3);
		assertThat(Arrays.stream(asked.labeled()).filter((i) -> Arrays.stream(asked.test()).anyMatch((t) -> t == i)))
			.as("held-out images are not trained on")
			.isEmpty();
	}

	@Test
	void refusesEntriesThatPointOutside() throws Exception {
		assertRefused(source(valid().add("../evil.png", png()), "zip"), "points outside the archive");
		assertRefused(source(valid().add("/etc/labeled/a/x.png", png()), "zip"), "points outside the archive");
		assertRefused(source(valid().add("C:\\temp\\x.png", png()), "zip"), "points outside the archive");
		assertRefused(source(valid().add("labeled/a/..\\..\\x.png", png()), "zip"), "points outside the archive");
		assertRefused(source(valid().link("labeled/a/passwd.png", "/etc/passwd"), "tar"), "is a link");
		assertRefused(source(valid().link("labeled/a/passwd.png", "/etc/passwd"), "zip"), "is a link");
	}

	@Test
	void stopsAZipBombWhileReadingIt() throws Exception {
		Path bomb = valid().add("unlabeled/zeros.png", new byte[200 << 20]).zip(this.dir.resolve("bomb.zip"));
		ArchiveLimits generous = new ArchiveLimits(10, 1L << 30, 1L << 31, 100);
		assertThat(Files.size(bomb)).isLessThan(1 << 20);

		InvalidDatasetException ratio = refusal(new ImageArchive(bomb, generous), DEFAULTS);
		InvalidDatasetException entry = refusal(new ImageArchive(bomb, new ArchiveLimits(10, 1 << 20, 1L << 31, 1000)),
				DEFAULTS);
		InvalidDatasetException total = refusal(new ImageArchive(bomb, new ArchiveLimits(10, 1L << 30, 1 << 20, 1000)),
				DEFAULTS);
		InvalidDatasetException entries = refusal(
				new ImageArchive(bomb, new ArchiveLimits(2, 1L << 30, 1L << 31, 1000)), DEFAULTS);

		assertThat(ratio).hasMessageContaining("more than 100 times its size");
		assertThat(entry).hasMessageContaining("unlabeled/zeros.png unpacks to more than 1048576 bytes");
		assertThat(total).hasMessageContaining("The archive unpacks to more than 1048576 bytes");
		assertThat(entries).hasMessageContaining("more than 2 entries");
		assertThat(Arrays.asList(ratio, entry, total, entries)).allMatch(InvalidDatasetException::isTooLarge);
	}

	@Test
	void refusesWhatIsNotAnArchive() throws Exception {
		Path image = Files.write(this.dir.resolve("image.zip"), png());
		Path text = Files.writeString(this.dir.resolve("notes.tar"), "labeled/a/x.png");
		Path gzippedText = this.dir.resolve("notes.tar.gz");
		try (var out = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(
				Files.newOutputStream(gzippedText))) {
			out.write("labeled/a/x.png".repeat(40).getBytes());
		}
		for (Path file : new Path[] { image, text, gzippedText }) {
			assertThat(refusal(new ImageArchive(file, LIMITS), DEFAULTS))
				.hasMessage("The upload is not a zip, tar or tar.gz archive");
		}
		// An empty tar is its end-of-archive records: two of 512 zeros.
		Path emptyTarGz = this.dir.resolve("empty.tar.gz");
		try (var out = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(
				Files.newOutputStream(emptyTarGz))) {
			out.write(new byte[1024]);
		}
		assertThat(refusal(new ImageArchive(emptyTarGz, LIMITS), DEFAULTS)).hasMessage("The archive holds no files");
	}

	@Test
	void refusesALayoutItCannotTrainOn() throws Exception {
		assertRefused(source(new Archives().add("images/a.png", png()).add("images/b.png", png()), "zip"),
				"no labeled/<class>/ folder with an image in it");
		assertRefused(source(valid().add("val/c/x.png", png()), "zip"),
				"The class 'c' of val/ has no labeled images in labeled/c/");
		Archives mostlyText = valid();
		for (int i = 0; i < 5; i++) {
			mostlyText.add("unlabeled/" + i + ".jpg", "text".getBytes());
		}
		assertRefused(source(mostlyText, "zip"), "5 of 7 files cannot be used: {not an image=5}");
		assertRefused(source(valid().add("labeled/c/x.png", png()), "zip"),
				new DatasetImport.Options(null, null, null, null, 1 << 20, 2), "3 classes; at most 2 are taken");
		assertRefused(source(valid().add("val/a/x.png", png()), "zip"),
				new DatasetImport.Options(null, null, 1, null, 1 << 20, 10),
				"validationPerClass: the archive has a val/ folder");
		assertRefused(source(valid(), "zip"), new DatasetImport.Options(null, null, null, 1, 1 << 20, 10),
				"testPerClass: class 'a' has 1 labeled images; holding out 1 for testing and 0 for validation "
						+ "leaves none to train on");
	}

	@Test
	void skipsImagesOverThePixelLimitFromTheirHeader() throws Exception {
		Archives archive = valid().add("unlabeled/huge.png",
				io.simmixmatch.inference.Images.pngClaiming(100_000, 100_000));

		DatasetImport.Plan plan = DatasetImport.scan(source(archive, "zip"), DEFAULTS);

		assertThat(plan.skipped()).containsEntry("more than 50000000 pixels", 1);
		assertThat(plan.imageCount()).isEqualTo(2);
	}

	// One labeled image in each of classes a and b.
	private static Archives valid() {
		return new Archives().add("labeled/a/1.png", png()).add("labeled/b/1.png", png());
	}

	private static byte[] png() {
		return encode(rgb(8, 8, 0x336699), "png");
	}

	private ImageSource source(Archives archive, String kind) throws IOException {
		Path file = this.dir.resolve("archive-" + System.nanoTime() + "." + kind);
		return new ImageArchive(switch (kind) {
			case "zip" -> archive.zip(file);
			case "tar" -> archive.tar(file);
			default -> archive.tarGz(file);
		}, LIMITS);
	}

	private static void assertRefused(ImageSource source, String message) {
		assertRefused(source, DEFAULTS, message);
	}

	private static void assertRefused(ImageSource source, DatasetImport.Options options, String message) {
		assertThat(refusal(source, options)).hasMessageContaining(message);
	}

	private static InvalidDatasetException refusal(ImageSource source, DatasetImport.Options options) {
		return catchThrowableOfType(InvalidDatasetException.class, () -> DatasetImport.scan(source, options));
	}

	// Images are in path order: class item-000 holds 0.png, 1.jpg, deep.png and
	// palette.png (images 0-3), class item-001 0.jpg, 1.bmp and gray.png (4-6), class
	// item-002 0.bmp, 1.gif and print.jpg (7-9).
	private static int pixel(ImageSet images, int index, int channel) {
		int offset = index * images.imageBytes() + channel * images.height() * images.width();
		return Byte.toUnsignedInt(images.pixels()[offset]);
	}

}
