package io.simmixmatch.runs;

import java.time.Instant;

import io.simmixmatch.checkpoints.StoredCheckpoint;
import io.simmixmatch.training.CheckpointKind;
import org.jspecify.annotations.Nullable;

/**
 * A stored checkpoint of a run.
 *
 * @param id the checkpoint id
 * @param kind BEST, LAST or PERIODIC
 * @param epoch the epoch it was taken after
 * @param step the optimizer steps completed
 * @param valTop1 validation top-1 accuracy of the EMA model then
 * @param valTop5 validation top-5 accuracy of the EMA model then
 * @param sizeBytes the size of its content
 * @param sha256 the SHA-256 of its content, hex
 * @param createdAt when it was written
 */
record CheckpointResponse(long id, CheckpointKind kind, int epoch, long step, @Nullable Double valTop1,
		@Nullable Double valTop5, long sizeBytes, String sha256, Instant createdAt) {

	static CheckpointResponse of(StoredCheckpoint checkpoint) {
		return new CheckpointResponse(checkpoint.id(), checkpoint.kind(), checkpoint.epoch(), checkpoint.step(),
				checkpoint.valTop1(), checkpoint.valTop5(), checkpoint.sizeBytes(), checkpoint.sha256(),
				checkpoint.createdAt());
	}

}
