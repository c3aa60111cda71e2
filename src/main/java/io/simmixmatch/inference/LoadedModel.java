package io.simmixmatch.inference;

import java.time.Instant;

import io.simmixmatch.checkpoints.StoredCheckpoint;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.training.Classifier;

/**
 * A checkpoint loaded for serving, with the predictors that batch its requests.
 *
 * @param checkpoint what was loaded
 * @param classifier its network
 * @param batcher its queue and predictors
 * @param loadedAt when it was loaded
 */
record LoadedModel(StoredCheckpoint checkpoint, Classifier classifier, MicroBatcher batcher,
		Instant loadedAt) implements AutoCloseable {

	CheckpointMetadata metadata() {
		return this.classifier.metadata();
	}

	/** Answers what was queued, then frees the network. */
	@Override
	public void close() {
		this.batcher.close();
		this.classifier.close();
	}

}
