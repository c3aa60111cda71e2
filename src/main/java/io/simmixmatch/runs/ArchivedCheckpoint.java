package io.simmixmatch.runs;

import org.jspecify.annotations.Nullable;

/**
 * A stored checkpoint, as the model registry and the predictors see it.
 *
 * @param id its id
 * @param runId the run that wrote it
 * @param epoch the epoch it was taken after
 * @param valTop1 validation top-1 accuracy at that epoch
 * @param valTop5 validation top-5 accuracy at that epoch
 * @param sizeBytes its size
 * @param sha256 the SHA-256 of its bytes, which also identifies a loaded model
 */
public record ArchivedCheckpoint(long id, long runId, int epoch, @Nullable Double valTop1, @Nullable Double valTop5,
		long sizeBytes, String sha256) {

}
