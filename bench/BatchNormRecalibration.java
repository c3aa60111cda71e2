import java.nio.file.Path;
import java.util.Arrays;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.simmixmatch.data.DatasetSource;
import io.simmixmatch.data.ImageSet;
import io.simmixmatch.data.LoadedDataset;
import io.simmixmatch.data.SplitPlan;
import io.simmixmatch.training.Classifier;

/**
 * BatchNorm statistics measured on a checkpoint's own EMA weights. A run copies the
 * running statistics of the trained weights into its EMA network, which serves other
 * weights; this measures the test top-1 of a checkpoint as it is, then after passes in
 * training mode over the split's unlabeled images as they are (no augmentation), which
 * replace the statistics with those of the EMA weights' own activations (libtorch's
 * running averages, 0.1 per batch, so the last few dozen batches count). The folder is
 * an archive's layout (labeled/, unlabeled/, val/, test/), as the run's. Run with the
 * extracted application jar as the class path:
 * java -cp APP.jar bench/BatchNormRecalibration.java CHECKPOINT FOLDER [BATCHES [BATCH]]
 */
public class BatchNormRecalibration {

	public static void main(String[] args) throws Exception {
		System.setProperty("ai.djl.offline", "true");
		int batches = (args.length > 2) ? Integer.parseInt(args[2]) : 50;
		int batchSize = (args.length > 3) ? Integer.parseInt(args[3]) : 500;
		LoadedDataset data = DatasetSource.parse("folder:" + args[1], null, null)
			.load(Path.of("/tmp"), new SplitPlan(1, 0, 0, 0));
		try (Classifier classifier = Classifier.load(Path.of(args[0]), Device.cpu())) {
			System.out.printf("as_trained_top1,%.4f%n", top1(classifier, data.images(), data.split().test()));
			recalibrate(classifier, data.images(), data.split().unlabeled(), batches, batchSize);
			System.out.printf("recalibrated_top1,%.4f%n", top1(classifier, data.images(), data.split().test()));
		}
	}

	private static void recalibrate(Classifier classifier, ImageSet images, int[] pool, int batches, int batchSize) {
		JniUtils.setGradMode(false);
		try (NDManager manager = NDManager.newBaseManager()) {
			ParameterStore parameters = new ParameterStore(manager, false);
			for (int b = 0; b < batches; b++) {
				int[] indices = new int[batchSize];
				for (int i = 0; i < batchSize; i++) {
					indices[i] = pool[(b * batchSize + i) % pool.length];
				}
				try (NDManager step = manager.newSubManager()) {
					NDArray batch = step.create(pixels(images, indices),
							new Shape(batchSize, images.channels(), images.height(), images.width()));
					classifier.network()
						.forward(parameters, new NDList(classifier.metadata().normalization().apply(batch)), true)
						.close();
				}
			}
		}
	}

	private static double top1(Classifier classifier, ImageSet images, int[] test) {
		int correct = 0;
		for (int from = 0; from < test.length; from += 500) {
			int count = Math.min(500, test.length - from);
			int[] indices = Arrays.copyOfRange(test, from, from + count);
			float[][] probabilities = classifier.probabilities(pixels(images, indices), count);
			for (int i = 0; i < count; i++) {
				int best = 0;
				for (int c = 1; c < probabilities[i].length; c++) {
					best = (probabilities[i][c] > probabilities[i][best]) ? c : best;
				}
				correct += (best == images.labels()[indices[i]]) ? 1 : 0;
			}
		}
		return (double) correct / test.length;
	}

	// The images' values in [0, 1], one image after another, channel-major.
	private static float[] pixels(ImageSet images, int[] indices) {
		int size = images.imageBytes();
		float[] values = new float[indices.length * size];
		for (int i = 0; i < indices.length; i++) {
			for (int v = 0; v < size; v++) {
				values[i * size + v] = (images.pixels()[indices[i] * size + v] & 0xFF) / 255f;
			}
		}
		return values;
	}

}
