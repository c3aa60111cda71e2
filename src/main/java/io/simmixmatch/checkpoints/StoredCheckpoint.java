package io.simmixmatch.checkpoints;

import java.time.Instant;

import io.simmixmatch.training.CheckpointKind;
import org.jspecify.annotations.Nullable;

/**
 * A stored checkpoint of a run; its bytes are in the blob store.
 *
 * @param id its id
 * @param runId the run that wrote it
 * @param kind BEST, LAST, PERIODIC or RELEASED
 * @param epoch the epoch it was taken after
 * @param step the optimizer steps completed
 * @param valTop1 validation top-1 accuracy of the EMA model then
 * @param valTop5 validation top-5 accuracy of the EMA model then
 * @param sizeBytes the size of its bytes
 * @param sha256 the SHA-256 of its bytes, which also identifies a loaded model
 * @param createdAt when it was stored
 */
public record StoredCheckpoint(long id, long runId, CheckpointKind kind, int epoch, long step, @Nullable Double valTop1,
		@Nullable Double valTop5, long sizeBytes, String sha256, Instant createdAt) {

}
