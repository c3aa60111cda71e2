package io.simmixmatch.inference;

import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Image files made from raw 28 x 28 grayscale bytes, for requests. */
public final class Images {

	private Images() {
	}

	static BufferedImage gray(byte[] pixels) {
		BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
		image.getRaster().setDataElements(0, 0, 28, 28, pixels);
		return image;
	}

	static BufferedImage converted(BufferedImage image, int type, int width, int height) {
		BufferedImage converted = new BufferedImage(width, height, type);
		Graphics2D graphics = converted.createGraphics();
		graphics.drawImage(image, 0, 0, width, height, null);
		graphics.dispose();
		return converted;
	}

	static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, bytes)) {
				throw new IllegalArgumentException("No writer for " + format);
			}
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A valid 16-bit RGBA PNG of a gradient: small as a file (a few kilobytes per
	 * megapixel) but 8 bytes per pixel once decoded.
	 */
	static byte[] png16BitRgba(int width, int height) {
		ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
				Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
		WritableRaster raster = model.createCompatibleWritableRaster(width, height);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				raster.setPixel(x, y, new int[] { (y / 100) * 5000, 32768, 0, 65535 });
			}
		}
		return encode(new BufferedImage(model, raster, false, null), "png");
	}

	/**
	 * A PNG whose header claims a huge image: a few bytes that would unpack into
	 * gigabytes.
	 */
	public static byte[] pngClaiming(int width, int height) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			DataOutputStream out = new DataOutputStream(bytes);
			out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
			ByteArrayOutputStream header = new ByteArrayOutputStream();
			DataOutputStream ihdr = new DataOutputStream(header);
			ihdr.writeInt(width);
			ihdr.writeInt(height);
			ihdr.write(new byte[] { 8, 0, 0, 0, 0 });
			chunk(out, "IHDR", header.toByteArray());
			chunk(out, "IDAT", new byte[] { 0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 });
			chunk(out, "IEND", new byte[0]);
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		out.writeInt(data.length);
		out.write(name);
		out.write(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.writeInt((int) crc.getValue());
	}

}
