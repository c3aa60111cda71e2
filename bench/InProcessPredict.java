import java.nio.file.Path;
import java.util.Random;

import ai.djl.Device;
import io.simmixmatch.training.Classifier;

/**
 * The in-process upper bound of the prediction service: one thread feeding batches of
 * random images to the same classifier the service loads, as its predictor thread does.
 * Run with the extracted application jar as the class path:
 * java -cp APP.jar bench/InProcessPredict.java CHECKPOINT SECONDS BATCH
 */
public class InProcessPredict {

	public static void main(String[] args) throws Exception {
		System.setProperty("ai.djl.offline", "true");
		Path checkpoint = Path.of(args[0]);
		double seconds = Double.parseDouble(args[1]);
		int batch = Integer.parseInt(args[2]);
		try (Classifier classifier = Classifier.load(checkpoint, Device.cpu())) {
			float[] images = new float[batch * classifier.imageSize()];
			Random random = new Random(0);
			for (int i = 0; i < images.length; i++) {
				images[i] = random.nextFloat();
			}
			run(classifier, images, batch, 3);
			var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean();
			long cpuBefore = os.getProcessCpuTime();
			long count = run(classifier, images, batch, seconds);
			double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
			System.out.printf("batch,%d%nseconds,%.1f%nimages,%d%nimages_per_second,%.1f%ncpu_ms_per_image,%.3f%n",
					batch, seconds, count, count / seconds, cpuMs / count);
		}
	}

	private static long run(Classifier classifier, float[] images, int batch, double seconds) {
		long end = System.nanoTime() + (long) (seconds * 1e9);
		long count = 0;
		while (System.nanoTime() < end) {
			classifier.probabilities(images, batch);
			count += batch;
		}
		return count;
	}

}
