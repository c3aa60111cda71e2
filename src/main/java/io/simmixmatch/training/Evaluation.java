package io.simmixmatch.training;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.jspecify.annotations.Nullable;

/** Measures top-1 and top-5 accuracy of a network in inference mode, in batches. */
final class Evaluation {

	private static final int BATCH = 500;

	private Evaluation() {
	}

	/**
	 * The accuracy of a network on some images of the data.
	 * @param network the network
	 * @param data the data set
	 * @param indices the images
	 * @param manager where the batches go
	 * @return its accuracy, or null without images to measure it on (not 0, which would
	 * read as a measurement)
	 */
	static @Nullable Accuracy accuracy(Block network, TrainingData data, int[] indices, NDManager manager) {
		if (indices.length == 0) {
			return null;
		}
		ParameterStore parameters = new ParameterStore(manager, false);
		long top1 = 0;
		long top5 = 0;
		for (int from = 0; from < indices.length; from += BATCH) {
			long[] batch = Arrays.stream(indices, from, Math.min(indices.length, from + BATCH))
				.asLongStream()
				.toArray();
			try (NDManager scope = manager.newSubManager()) {
				NDArray images = data.normalization().apply(data.batch(batch, scope));
				NDArray logits = network.forward(parameters, new NDList(images), false).singletonOrThrow();
				int k = (int) Math.min(5, logits.getShape().get(1));
				NDArray guesses = logits.argSort(-1, false).get(":, :" + k);
				NDArray truth = scope.create(data.labels(batch)).toType(guesses.getDataType(), false).expandDims(1);
				NDArray hits = guesses.eq(truth);
				// Guesses are distinct classes: a row has at most one hit.
				top1 += count(hits.get(":, 0"));
				top5 += count(hits);
			}
		}
		return new Accuracy((double) top1 / indices.length, (double) top5 / indices.length);
	}

	private static long count(NDArray hits) {
		return hits.toType(DataType.INT64, false).sum().getLong();
	}

}
