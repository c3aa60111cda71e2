import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import javax.imageio.ImageIO;

/**
 * A prediction soak: CLIENTS threads in a closed loop for SECONDS, each request drawn from a
 * mix of sizes (seeded): 70% one 28 x 28 PNG, 15% eight 64 x 64 JPEGs as multipart, 10% one
 * 1024 x 1024 JPEG, 5% one 2000 x 2000 PNG at 16 bits per RGBA channel (48 MB once decoded).
 * Every 30 s it prints the answers so far by status and the server's resident memory; at
 * the end, answers other than 200, 429 and 503 ("unexpected") and the memory series.
 * java bench/SoakClient.java URL SECONDS SERVER_PID CLIENTS
 */
public class SoakClient {

	private static final String BOUNDARY = "soak-boundary";

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		long seconds = Long.parseLong(args[1]);
		long server = Long.parseLong(args[2]);
		int clients = Integer.parseInt(args[3]);
		List<Request> mix = List.of(new Request(70, "image/png", png(28, 28)),
				new Request(15, "multipart/form-data; boundary=" + BOUNDARY, multipart(jpeg(64, 64), 8)),
				new Request(10, "image/jpeg", jpeg(1024, 1024)), new Request(5, "image/png", png16(2000, 2000)));
		Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < clients; t++) {
			Random random = new Random(t);
			Thread thread = new Thread(() -> {
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				while (System.nanoTime() < end) {
					Request request = pick(mix, random);
					int status;
					try {
						status = http.send(HttpRequest.newBuilder(uri)
							.header("Content-Type", request.contentType())
							.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
							.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
					}
					catch (Exception ex) {
						status = -1;
					}
					statuses.computeIfAbsent(status, (key) -> new LongAdder()).increment();
				}
			});
			thread.start();
			threads.add(thread);
		}
		System.out.println("seconds,answers_by_status,server_rss_mib");
		long started = System.nanoTime();
		while (threads.stream().anyMatch(Thread::isAlive)) {
			Thread.sleep(30_000);
			System.out.printf("%d,%s,%d%n", (System.nanoTime() - started) / 1_000_000_000L, counts(statuses),
					rssMib(server));
		}
		Map<Integer, Long> all = counts(statuses);
		long unexpected = all.entrySet()
			.stream()
			.filter((entry) -> !List.of(200, 429, 503).contains(entry.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum();
		System.out.printf("total,%s,unexpected %d%n", all, unexpected);
	}

	private static Request pick(List<Request> mix, Random random) {
		int draw = random.nextInt(100);
		for (Request request : mix) {
			draw -= request.percent();
			if (draw < 0) {
				return request;
			}
		}
		return mix.get(0);
	}

	private static Map<Integer, Long> counts(Map<Integer, LongAdder> statuses) {
		Map<Integer, Long> counts = new TreeMap<>();
		statuses.forEach((status, count) -> counts.put(status, count.sum()));
		return counts;
	}

	private static long rssMib(long pid) throws Exception {
		return Files.readAllLines(Path.of("/proc/" + pid + "/status"))
			.stream()
			.filter((line) -> line.startsWith("VmRSS:"))
			.mapToLong((line) -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
			.findFirst()
			.orElse(-1);
	}

	private static byte[] png(int width, int height) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
		Random random = new Random(0);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.getRaster().setSample(x, y, 0, random.nextInt(256));
			}
		}
		return encode(image, "png");
	}

	private static byte[] jpeg(int width, int height) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 128);
			}
		}
		return encode(image, "jpeg");
	}

	// Bands of colour: a small file that takes 8 bytes per pixel once decoded.
	private static byte[] png16(int width, int height) throws Exception {
		ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
				Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
		WritableRaster raster = model.createCompatibleWritableRaster(width, height);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				raster.setPixel(x, y, new int[] { (y / 100) * 3000, 32768, 0, 65535 });
			}
		}
		return encode(new BufferedImage(model, raster, false, null), "png");
	}

	private static byte[] multipart(byte[] image, int copies) throws Exception {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < copies; i++) {
			body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"image" + i
					+ ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			body.write(image);
			body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		body.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return body.toByteArray();
	}

	private static byte[] encode(BufferedImage image, String format) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, format, bytes);
		return bytes.toByteArray();
	}

	private record Request(int percent, String contentType, byte[] body) {
	}

}
