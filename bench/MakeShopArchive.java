import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * Writes a zip shaped like the original NAVER Fashion data for the import benchmark: 265
 * classes of RGB "product photos" (a shape and colour per class, a random position, noise),
 * 4 labeled and 1 validation image per class and the rest unlabeled, JPEG and PNG of
 * 64 to 192 pixels a side, inside one top-level folder. JDK only:
 *
 *   java bench/MakeShopArchive.java OUT.zip [IMAGES]
 */
public class MakeShopArchive {

	public static void main(String[] args) throws IOException {
		Path out = Path.of(args[0]);
		int images = (args.length > 1) ? Integer.parseInt(args[1]) : 60_060;
		int classes = 265;
		Random random = new Random(7);
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
			for (int i = 0; i < images; i++) {
				int c = i % classes;
				int round = i / classes;
				String folder = (round < 4) ? "labeled/class-%03d/".formatted(c)
						: (round == 4) ? "val/class-%03d/".formatted(c) : "unlabeled/";
				boolean jpeg = random.nextBoolean();
				zip.putNextEntry(new ZipEntry("shop/" + folder + i + (jpeg ? ".jpg" : ".png")));
				zip.write(photo(c, random, jpeg ? "jpg" : "png"));
				zip.closeEntry();
			}
		}
		System.out.printf("%s: %d images, %d bytes%n", out, images, Files.size(out));
	}

	private static byte[] photo(int c, Random random, String format) throws IOException {
		int width = 64 + random.nextInt(129);
		int height = 64 + random.nextInt(129);
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(240, 240, 240));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.getHSBColor((c % 53) / 53f, 0.4f + (c % 5) / 10f, 0.5f + (c % 3) / 6f));
		int w = width / 2 + random.nextInt(width / 3);
		int h = height / 2 + random.nextInt(height / 3);
		int x = random.nextInt(width - w + 1);
		int y = random.nextInt(height - h + 1);
		if (c % 2 == 0) {
			graphics.fillOval(x, y, w, h);
		}
		else {
			graphics.fillRoundRect(x, y, w, h, c % 40, c % 40);
		}
		graphics.dispose();
		for (int n = 0; n < width * height / 20; n++) {
			image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(0xffffff));
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, format, bytes);
		return bytes.toByteArray();
	}

}
