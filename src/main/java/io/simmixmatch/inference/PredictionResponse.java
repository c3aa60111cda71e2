package io.simmixmatch.inference;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /api/v1/predict} answers.
 *
 * @param model the model version that answered every image of the request
 * @param predictions per image, in the order they were sent
 * @param timing where the time went, in milliseconds
 */
record PredictionResponse(ServedModel model, List<ImagePrediction> predictions, Timing timing) {

	/**
	 * A model version as answers name it.
	 *
	 * @param name the alias, or run:{id}
	 * @param version the alias version; null for run:{id}
	 * @param runId the run that trained it
	 * @param checkpointId its checkpoint
	 * @param epoch the epoch of the checkpoint
	 * @param sha256 the checkpoint's SHA-256
	 */
	record ServedModel(String name, @Nullable Integer version, long runId, long checkpointId, int epoch,
			String sha256) {

		static ServedModel of(ModelVersion version) {
			return new ServedModel(version.name().toString(), version.version(), version.checkpoint().runId(),
					version.checkpoint().id(), version.checkpoint().epoch(), version.checkpoint().sha256());
		}

	}

	/**
	 * The five most probable classes of an image, most probable first.
	 *
	 * @param top5 index, label and probability of each
	 */
	record ImagePrediction(List<ClassProbability> top5) {
	}

	/**
	 * One class and its probability.
	 *
	 * @param index the class id
	 * @param label its name
	 * @param probability between 0 and 1
	 */
	record ClassProbability(int index, String label, double probability) {
	}

	/**
	 * Where a request's time went.
	 *
	 * @param decodeMs decoding and converting the images
	 * @param inferenceMs waiting for and running their forward passes
	 * @param totalMs the whole request, model lookup included
	 */
	record Timing(double decodeMs, double inferenceMs, double totalMs) {
	}

}
