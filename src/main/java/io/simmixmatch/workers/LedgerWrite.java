package io.simmixmatch.workers;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.runs.RunStatus;
import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.CheckpointWritten;
import io.simmixmatch.training.ClassResults;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.StepResult;
import org.jspecify.annotations.Nullable;

/**
 * What a training attempt writes to the ledger about its run, each a transaction of its
 * own. A write may replace one still waiting in {@link LedgerWrites}: only the latest
 * progress matters, and a later checkpoint of a file carries the earlier one.
 */
sealed interface LedgerWrite {

	/**
	 * Writes this to the ledger.
	 * @param ledger the ledger
	 * @param run the run the attempt trains
	 */
	void writeTo(RunLedger ledger, ActiveRun run);

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
	 * @param step the step just taken
	 * @param etaSeconds estimated seconds to the end
	 */
	record Progress(StepResult step, long etaSeconds) implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger, ActiveRun run) {
			if (ledger.recordProgress(run.id(), this.step.step(), this.step.totalSteps(), this.step.epoch(),
					this.step.imagesPerSecond(), this.etaSeconds)) {
				run.cancel();
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
	 * @param epoch the results
	 */
	record Epoch(EpochResult epoch) implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger, ActiveRun run) {
			ledger.recordEpoch(run.id(), this.epoch);
		}

	}

	/**
	 * A checkpoint file, read when the write is written. A file written again before then
	 * (LAST, BEST) holds the newer state, which the write that replaces this one records.
	 *
	 * @param checkpoint the file and what it holds
	 */
	record Checkpoint(CheckpointWritten checkpoint) implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger, ActiveRun run) {
			try {
				ledger.storeCheckpoint(run.id(), this.checkpoint);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public boolean replaces(LedgerWrite waiting) {
			return waiting instanceof Checkpoint earlier && earlier.checkpoint().file().equals(this.checkpoint.file());
		}

	}

	/**
	 * The run's end.
	 *
	 * @param outcome SUCCEEDED or CANCELLED
	 * @param test the test accuracy of its best checkpoint, where measured
	 * @param classes its best checkpoint's class results, where measured
	 */
	record Finish(RunStatus outcome, @Nullable Accuracy test, @Nullable ClassResults classes) implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger, ActiveRun run) {
			ledger.finish(run.id(), this.outcome, null, this.test, this.classes);
		}

	}

	/** The run goes back to the queue, as the worker stops. */
	record HandBack() implements LedgerWrite {

		@Override
		public void writeTo(RunLedger ledger, ActiveRun run) {
			ledger.handBack(run.id(), null);
		}

	}

}
