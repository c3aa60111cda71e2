package io.simmixmatch.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The checkpoints that serve predictions: found, released for a model version, read. */
public interface CheckpointArchive {

	/**
	 * The best checkpoint of a run, as it is now.
	 * @param runId the run
	 * @return its BEST checkpoint, or empty if the run has none (or does not exist)
	 */
	Optional<ArchivedCheckpoint> best(long runId);

	/**
	 * A checkpoint by id.
	 * @param checkpointId its id
	 * @return it, or empty if it does not exist
	 */
	Optional<ArchivedCheckpoint> find(long checkpointId);

	/**
	 * Copies a run's best checkpoint as RELEASED, which nothing replaces.
	 * @param runId the run
	 * @return the copy, or empty if the run has no best checkpoint
	 */
	Optional<ArchivedCheckpoint> release(long runId);

	/**
	 * Writes a checkpoint's bytes to a file, checking them against its SHA-256.
	 * @param checkpoint the checkpoint
	 * @param file where to write
	 * @throws IOException if it cannot be written, is gone, or is corrupt
	 */
	void download(ArchivedCheckpoint checkpoint, Path file) throws IOException;

}
