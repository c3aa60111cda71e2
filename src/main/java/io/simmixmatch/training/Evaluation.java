package io.simmixmatch.training;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.jspecify.annotations.Nullable;

/**
 * Measures a network in inference mode, in batches: top-1 and top-5 accuracy and the
 * class-by-class results of its first guesses.
 */
final class Evaluation {

	private static final int BATCH = 500;

	private Evaluation() {
	}

	/**
	 * Measures a network on some images of the data.
	 * @param network the network
	 * @param data the data set
	 * @param indices the images
	 * @param split the split they are, for the class results
	 * @param manager where the batches go
	 * @return the measurement, or null without images to measure on (not 0, which would
	 * read as a measurement)
	 */
	static @Nullable Measurement measure(Block network, TrainingData data, int[] indices, String split,
			NDManager manager) {
		if (indices.length == 0) {
			return null;
		}
		ParameterStore parameters = new ParameterStore(manager, false);
		long top5 = 0;
		int[] truth = new int[indices.length];
		int[] guesses = new int[indices.length];
		for (int from = 0; from < indices.length; from += BATCH) {
			long[] batch = Arrays.stream(indices, from, Math.min(indices.length, from + BATCH))
				.asLongStream()
				.toArray();
			try (NDManager scope = manager.newSubManager()) {
				NDArray images = data.normalization().apply(data.batch(batch, scope));
				NDArray logits = network.forward(parameters, new NDList(images), false).singletonOrThrow();
				int k = (int) Math.min(5, logits.getShape().get(1));
				NDArray ranked = logits.argSort(-1, false).get(":, :" + k);
				int[] labels = data.labels(batch);
				NDArray hits = ranked.eq(scope.create(labels).toType(ranked.getDataType(), false).expandDims(1));
				// Guesses are distinct classes: a row has at most one hit.
				top5 += hits.toType(DataType.INT64, false).sum().getLong();
				System.arraycopy(labels, 0, truth, from, labels.length);
				System.arraycopy(ranked.get(":, 0").toType(DataType.INT32, false).toIntArray(), 0, guesses, from,
						labels.length);
			}
		}
		ClassResults classes = ClassResults.of(split, data.images().classNames(), truth, guesses);
		return new Measurement(
				new Accuracy((double) classes.correct() / indices.length, (double) top5 / indices.length), classes);
	}

	/**
	 * What {@link #measure} found.
	 *
	 * @param accuracy top-1 and top-5 accuracy
	 * @param classes the first guesses class by class
	 */
	record Measurement(Accuracy accuracy, ClassResults classes) {

	}

}
