package io.simmixmatch.checkpoints;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.CheckpointWritten;

/**
 * The checkpoints of runs. A run has one BEST and one LAST, which a new one replaces in
 * the same commit, one PERIODIC per epoch, and one RELEASED per promotion. Rows with the
 * same bytes (a BEST that is a copy of the epoch's LAST, a RELEASED copy) share one
 * stored file, removed once no row refers to it.
 */
public interface Checkpoints {

	/**
	 * Stores a checkpoint the training loop wrote, in the caller's transaction.
	 * @param runId the run
	 * @param checkpoint the file and what it holds
	 * @throws IOException if its bytes cannot be stored
	 */
	void store(long runId, CheckpointWritten checkpoint) throws IOException;

	/**
	 * A run's checkpoint of a kind, as it is now.
	 * @param runId the run
	 * @param kind BEST or LAST
	 * @return it, or empty if the run has none (or does not exist)
	 */
	Optional<StoredCheckpoint> find(long runId, CheckpointKind kind);

	/**
	 * A checkpoint by id.
	 * @param id its id
	 * @return it, or empty if it does not exist
	 */
	Optional<StoredCheckpoint> find(long id);

	/**
	 * A run's checkpoints.
	 * @param runId the run
	 * @return them, the latest epoch first
	 */
	List<StoredCheckpoint> ofRun(long runId);

	/**
	 * Copies a run's best checkpoint as RELEASED, which nothing replaces.
	 * @param runId the run
	 * @return the copy, or empty if the run has no best checkpoint
	 */
	Optional<StoredCheckpoint> release(long runId);

	/**
	 * Writes a checkpoint's bytes to a file, checking them against its SHA-256.
	 * @param checkpoint the checkpoint
	 * @param file where to write
	 * @throws IOException if it cannot be written, is gone, or is corrupt
	 */
	void download(StoredCheckpoint checkpoint, Path file) throws IOException;

}
