package io.simmixmatch.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.CheckpointWritten;
import io.simmixmatch.training.ClassResults;
import io.simmixmatch.training.EpochResult;
import org.jspecify.annotations.Nullable;

/**
 * What a worker records about the run it trains. Each method is one transaction, and
 * every change is announced to the run's event streams when it commits.
 */
public interface RunLedger {

	/**
	 * Starts (or restarts) a run on a worker, on as many of its devices as the run asked
	 * for, the first ones.
	 * @param runId the run
	 * @param worker the worker's name
	 * @param devices the worker's devices, by name
	 * @return what to train, and where, or empty if the run has ended (cancelled while
	 * queued)
	 */
	Optional<RunAssignment> start(long runId, String worker, List<String> devices);

	/**
	 * Records how far the run got.
	 * @param runId the run
	 * @param step steps done
	 * @param totalSteps the steps it will have done at its end: fewer than its epochs
	 * make where its time budget runs out first
	 * @param epoch the epoch in progress, from 1
	 * @param imagesPerSecond recent throughput
	 * @param etaSeconds estimated seconds to the end
	 * @return whether a client asked the run to stop
	 */
	boolean recordProgress(long runId, long step, long totalSteps, int epoch, double imagesPerSecond, long etaSeconds);

	/**
	 * Records an epoch's metrics; recording an epoch again (after a resume) replaces it.
	 * @param runId the run
	 * @param epoch the epoch's results
	 */
	void recordEpoch(long runId, EpochResult epoch);

	/**
	 * Stores a checkpoint file; a BEST or LAST checkpoint replaces the previous one.
	 * @param runId the run
	 * @param checkpoint the file and what it holds
	 * @throws IOException if the file cannot be read
	 */
	void storeCheckpoint(long runId, CheckpointWritten checkpoint) throws IOException;

	/**
	 * Writes the run's LAST checkpoint to a file, to resume from, and records the step it
	 * resumes from.
	 * @param runId the run
	 * @param file where to write it
	 * @return the file, or empty if the run has no checkpoint yet
	 * @throws IOException if it cannot be written, or its checksum does not match
	 */
	Optional<Path> fetchLastCheckpoint(long runId, Path file) throws IOException;

	/**
	 * Gives the run back to the queue.
	 * @param runId the run
	 * @param failure why the attempt failed, or null when the worker is stopping
	 */
	void handBack(long runId, @Nullable String failure);

	/**
	 * Counts an attempt that ended with its worker process killed by SIGKILL.
	 * @param runId the run
	 * @return how many of the run's attempts ended that way
	 */
	int countKilledAttempt(long runId);

	/**
	 * Ends the run.
	 * @param runId the run
	 * @param outcome SUCCEEDED, FAILED or CANCELLED
	 * @param error why it failed, for FAILED
	 * @param test the test accuracy of its best checkpoint, where its data set has a test
	 * split and it completed
	 * @param classes its best checkpoint's class results, where it completed
	 */
	void finish(long runId, RunStatus outcome, @Nullable String error, @Nullable Accuracy test,
			@Nullable ClassResults classes);

}
