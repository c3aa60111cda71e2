package io.simmixmatch.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.StepResult;
import io.simmixmatch.training.TrainingObserver;

/**
 * Tells the ledger what the training loop does: progress at most every
 * {@code progressInterval} (and learns of a cancellation it missed), every epoch, every
 * checkpoint, through {@link LedgerWrites} so that a database outage does not stop it.
 */
final class TrainingReporter implements TrainingObserver {

	private final long runId;

	private final RunLedger ledger;

	private final LedgerWrites writes;

	private final ActiveRun run;

	private final long progressIntervalNanos;

	private final WorkerMeters meters;

	private final long started = System.nanoTime();

	private long firstStep = -1;

	private long lastStep;

	private long lastStepAt = this.started;

	private long lastReportAt;

	TrainingReporter(long runId, RunLedger ledger, LedgerWrites writes, ActiveRun run, WorkerProperties properties,
			WorkerMeters meters) {
		this.runId = runId;
		this.ledger = ledger;
		this.writes = writes;
		this.run = run;
		this.progressIntervalNanos = properties.progressInterval().toNanos();
		this.meters = meters;
		this.lastReportAt = this.started;
	}

	@Override
	public void onStep(StepResult step) {
		long now = System.nanoTime();
		this.meters.step(now - this.lastStepAt, step.imagesPerSecond());
		this.lastStepAt = now;
		if (this.firstStep < 0) {
			this.firstStep = step.step() - 1;
		}
		this.lastStep = step.step();
		if (now - this.lastReportAt >= this.progressIntervalNanos || step.step() == step.totalSteps()) {
			this.lastReportAt = now;
			long eta = etaSeconds(step, now);
			this.writes.submit("progress", () -> {
				if (this.ledger.recordProgress(this.runId, step.step(), step.totalSteps(), step.epoch(),
						step.imagesPerSecond(), eta)) {
					this.run.cancel();
				}
			});
		}
	}

	@Override
	public void onEpoch(EpochResult epoch) {
		this.meters.epoch(epoch.durationMillis());
		this.writes.submit(null, () -> this.ledger.recordEpoch(this.runId, epoch));
	}

	@Override
	public void onCheckpoint(CheckpointKind kind, int epoch, Path file) {
		// A later checkpoint of the same file replaces one still waiting: the file holds
		// it.
		this.writes.submit("checkpoint " + file, () -> {
			try {
				this.ledger.storeCheckpoint(this.runId, kind, file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	long lastStep() {
		return this.lastStep;
	}

	// From this attempt's pace, validation and checkpoints included.
	private long etaSeconds(StepResult step, long now) {
		double secondsPerStep = (now - this.started) / 1e9 / (step.step() - this.firstStep);
		return Math.round(secondsPerStep * (step.totalSteps() - step.step()));
	}

}
