package io.simmixmatch.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.runs.RunStatus;
import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.ClassResults;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.StepResult;
import org.jspecify.annotations.Nullable;

/**
 * What a training attempt writes to the ledger, each a transaction of its own. A write
 * may replace one still waiting in {@link LedgerWrites}: only the latest progress
 * matters, and a later checkpoint of a file carries the earlier one.
 */
sealed interface LedgerWrite {

	/**
	 * Writes this to the ledger.
	 * @param ledger the ledger
	 */
	void writeTo(RunLedger ledger);

	/**
	 * Whether this makes a write still waiting unnecessary.
	 * @param waiting a write not written yet
	 * @return whether to drop it
	 */
	default boolean replaces(LedgerWrite waiting) {
		return false;
	}

	/**
	 * How far the run got; the ledger's answer stops a run that a client cancelled.
	 *
	 * @param runId the run
	 * @param step the step just taken
	 * @param etaSeconds estimated seconds to the end
	 * @param run the run as this worker trains it
	 */
	record Progress(long runId, StepResult step, long etaSeconds, ActiveRun run) implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger) {
			if (ledger.recordProgress(this.runId, this.step.step(), this.step.totalSteps(), this.step.epoch(),
					this.step.imagesPerSecond(), this.etaSeconds)) {
				this.run.cancel();
			}
		}

		@Override
		public boolean replaces(LedgerWrite waiting) {
			return waiting instanceof Progress;
		}

	}

	/**
	 * An epoch's results.
	 *
	 * @param runId the run
	 * @param epoch the results
	 */
	record Epoch(long runId, EpochResult epoch) implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger) {
			ledger.recordEpoch(this.runId, this.epoch);
		}

	}

	/**
	 * A checkpoint file, read when the write is written.
	 *
	 * @param runId the run
	 * @param kind why it was written
	 * @param file the file
	 */
	record Checkpoint(long runId, CheckpointKind kind, Path file) implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger) {
			try {
				ledger.storeCheckpoint(this.runId, this.kind, this.file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public boolean replaces(LedgerWrite waiting) {
			return waiting instanceof Checkpoint checkpoint && checkpoint.file().equals(this.file);
		}

	}

	/**
	 * The run's end.
	 *
	 * @param runId the run
	 * @param outcome SUCCEEDED or CANCELLED
	 * @param test the test accuracy of its best checkpoint, where measured
	 * @param classes its best checkpoint's class results, where measured
	 */
	record Finish(long runId, RunStatus outcome, @Nullable Accuracy test,
			@Nullable ClassResults classes) implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger) {
			ledger.finish(this.runId, this.outcome, null, this.test, this.classes);
		}

	}

	/**
	 * The run goes back to the queue, as the worker stops.
	 *
	 * @param runId the run
	 */
	record HandBack(long runId) implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger) {
			ledger.handBack(this.runId, null);
		}

	}

}
