import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

/**
 * Closed-loop HTTP load: at each concurrency, that many threads send one 28 x 28 PNG per
 * request, each as soon as its previous answer arrived; 3 s of warm-up are not counted.
 * Besides requests/s and latency percentiles it reports the CPU time the server process
 * spent per request, and the share of the machine's CPU the client itself took.
 * java bench/LoadClient.java URL SECONDS SERVER_PID CONCURRENCY... > results.csv
 */
public class LoadClient {

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		double seconds = Double.parseDouble(args[1]);
		long server = Long.parseLong(args[2]);
		byte[] png = png();
		System.out.println("concurrency,requests,seconds,requests_per_second,p50_ms,p99_ms,errors,"
				+ "server_cpu_ms_per_request,client_cpu_share");
		for (int i = 3; i < args.length; i++) {
			int concurrency = Integer.parseInt(args[i]);
			level(uri, png, concurrency, 3);
			long serverBefore = cpuNanos(server);
			long clientBefore = cpuNanos(ProcessHandle.current().pid());
			Level result = level(uri, png, concurrency, seconds);
			double serverCpu = (cpuNanos(server) - serverBefore) / 1e6;
			double clientCpu = (cpuNanos(ProcessHandle.current().pid()) - clientBefore) / 1e9;
			long[] latencies = result.latencies();
			Arrays.sort(latencies);
			System.out.printf("%d,%d,%.1f,%.1f,%.2f,%.2f,%d,%.3f,%.2f%n", concurrency, latencies.length, seconds,
					latencies.length / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
					result.errors(), serverCpu / latencies.length,
					clientCpu / (seconds * Runtime.getRuntime().availableProcessors()));
		}
	}

	private static Level level(URI uri, byte[] png, int concurrency, double seconds) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long end = System.nanoTime() + (long) (seconds * 1e9);
		List<List<Long>> perThread = new ArrayList<>();
		AtomicLong errors = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < concurrency; t++) {
			List<Long> latencies = new ArrayList<>();
			perThread.add(latencies);
			Thread thread = new Thread(() -> {
				HttpRequest request = HttpRequest.newBuilder(uri)
					.header("Content-Type", "image/png")
					.POST(HttpRequest.BodyPublishers.ofByteArray(png))
					.build();
				while (System.nanoTime() < end) {
					long started = System.nanoTime();
					try {
						HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
						if (response.statusCode() == 200) {
							latencies.add(System.nanoTime() - started);
						}
						else {
							errors.incrementAndGet();
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long[] all = perThread.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
		return new Level(all, errors.get());
	}

	// User and system time of a process, from /proc (clock ticks of 10 ms).
	private static long cpuNanos(long pid) throws Exception {
		String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
	}

	private static double percentile(long[] sorted, double q) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
	}

	private static byte[] png() throws Exception {
		BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
		Random random = new Random(0);
		for (int y = 0; y < 28; y++) {
			for (int x = 0; x < 28; x++) {
				image.getRaster().setSample(x, y, 0, random.nextInt(256));
			}
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, "png", bytes);
		return bytes.toByteArray();
	}

	private record Level(long[] latencies, long errors) {
	}

}
