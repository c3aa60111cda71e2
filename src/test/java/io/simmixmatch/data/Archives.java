package io.simmixmatch.data;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Archives for import tests, built file by file: images in every format and colour mode
 * the import converts, and the hostile entries it must refuse.
 */
public final class Archives {

	private final Map<String, byte[]> files = new LinkedHashMap<>();

	private final Map<String, String> links = new LinkedHashMap<>();

	public Archives add(String path, byte[] content) {
		this.files.put(path, content);
		return this;
	}

	/** A symbolic link entry (tar and zip). */
	public Archives link(String path, String target) {
		this.links.put(path, target);
		return this;
	}

	public Path zip(Path file) throws IOException {
		try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
			for (Map.Entry<String, byte[]> entry : this.files.entrySet()) {
				zip.putArchiveEntry(new ZipArchiveEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeArchiveEntry();
			}
			for (Map.Entry<String, String> link : this.links.entrySet()) {
				ZipArchiveEntry entry = new ZipArchiveEntry(link.getKey());
				entry.setUnixMode(0120777);
				zip.putArchiveEntry(entry);
				zip.write(link.getValue().getBytes());
				zip.closeArchiveEntry();
			}
		}
		return file;
	}

	public Path tar(Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			writeTar(out);
		}
		return file;
	}

	public Path tarGz(Path file) throws IOException {
		try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(file))) {
			writeTar(out);
		}
		return file;
	}

	private void writeTar(OutputStream out) throws IOException {
		TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
		tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		for (Map.Entry<String, byte[]> entry : this.files.entrySet()) {
			TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
			tarEntry.setSize(entry.getValue().length);
			tar.putArchiveEntry(tarEntry);
			tar.write(entry.getValue());
			tar.closeArchiveEntry();
		}
		for (Map.Entry<String, String> link : this.links.entrySet()) {
			TarArchiveEntry entry = new TarArchiveEntry(link.getKey(), TarArchiveEntry.LF_SYMLINK);
			entry.setLinkName(link.getValue());
			tar.putArchiveEntry(entry);
			tar.closeArchiveEntry();
		}
		tar.finish();
	}

	/** An RGB image of one colour with a bright square whose corner marks the class. */
	public static BufferedImage rgb(int width, int height, int rgb) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, rgb);
			}
		}
		return image;
	}

	public static BufferedImage gray(int width, int height, int value) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.getRaster().setSample(x, y, 0, value);
			}
		}
		return image;
	}

	/** A red 16-bit-per-channel RGBA image, as a PNG keeps it. */
	public static BufferedImage rgba16(int width, int height) {
		ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
				Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
		BufferedImage image = new BufferedImage(model,
				Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, width, height, 4, null), false, null);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.getRaster().setPixel(x, y, new int[] { 65535, 0, 0, 65535 });
			}
		}
		return image;
	}

	/**
	 * A CMYK JPEG as Photoshop writes them: the four inks stored inverted (255 is no
	 * ink).
	 * @param c cyan, 0 to 255
	 * @param m magenta
	 * @param y yellow
	 * @param k black
	 * @return the file's bytes
	 */
	public static byte[] cmykJpeg(int c, int m, int y, int k) {
		WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 12, 12, 4, null);
		for (int row = 0; row < 12; row++) {
			for (int column = 0; column < 12; column++) {
				raster.setPixel(column, row, new int[] { 255 - c, 255 - m, 255 - y, 255 - k });
			}
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/** A palette image of two colours. */
	public static BufferedImage palette(int width, int height) {
		IndexColorModel palette = new IndexColorModel(1, 2, new byte[] { 0, (byte) 255 }, new byte[] { 0, 0 },
				new byte[] { 0, (byte) 255 });
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, palette);
		image.getRaster().setSample(0, 0, 0, 1);
		return image;
	}

	public static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, bytes)) {
				throw new IllegalArgumentException("No writer for " + format + " of " + image);
			}
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An archive shaped like the original NAVER Fashion data: many RGB classes, a few
	 * labeled images each, one for validation, about 2% labeled, images of mixed sizes
	 * and formats, all inside one top-level folder.
	 * @param classes how many classes
	 * @param unlabeledPerClass unlabeled images per class
	 * @param seed what varies the sizes
	 * @return the archive's files
	 */
	public static Archives shopLike(int classes, int unlabeledPerClass, long seed) {
		Random random = new Random(seed);
		String[] formats = { "png", "jpg", "bmp", "gif" };
		Archives archive = new Archives();
		for (int c = 0; c < classes; c++) {
			int colour = classColour(c);
			String name = "item-%03d".formatted(c);
			for (int i = 0; i < 2; i++) {
				archive.add("shop/labeled/%s/%d.%s".formatted(name, i, formats[(c + i) % 4]),
						encode(rgb(12 + random.nextInt(30), 12 + random.nextInt(30), colour), formats[(c + i) % 4]));
			}
			archive.add("shop/val/%s/v.png".formatted(name), encode(rgb(20, 16, colour), "png"));
			for (int i = 0; i < unlabeledPerClass; i++) {
				archive.add("shop/unlabeled/%d-%d.png".formatted(c, i),
						encode(rgb(10 + random.nextInt(20), 10 + random.nextInt(20), colour), "png"));
			}
		}
		return archive;
	}

	/** A colour that tells a class apart at any size. */
	public static int classColour(int c) {
		return ((c * 53) % 256) << 16 | ((c * 101) % 256) << 8 | ((c * 197) % 256);
	}

}
