package io.simmixmatch.workers;

import io.simmixmatch.training.CheckpointWritten;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.StepResult;
import io.simmixmatch.training.TrainingListener;

/**
 * Tells the ledger what the training loop does: progress at most every
 * {@code progressInterval}, or at the next step when a client asked the run to stop (the
 * ledger's answer stops it), every epoch, every checkpoint, through {@link LedgerWrites}
 * so that a database outage does not stop it. {@link WorkerMeters} measures the same
 * loop.
 */
final class TrainingReporter implements TrainingListener {

	private final LedgerWrites writes;

	private final ActiveRun run;

	private final long progressIntervalNanos;

	private final long started = System.nanoTime();

	private long firstStep = -1;

	private long lastStep;

	private long lastReportAt;

	TrainingReporter(LedgerWrites writes, ActiveRun run, WorkerProperties properties) {
		this.writes = writes;
		this.run = run;
		this.progressIntervalNanos = properties.progressInterval().toNanos();
		this.lastReportAt = this.started;
	}

	@Override
	public void onStep(StepResult step) {
		long now = System.nanoTime();
		if (this.firstStep < 0) {
			this.firstStep = step.step() - 1;
		}
		this.lastStep = step.step();
		if (this.run.takeReportDue() || now - this.lastReportAt >= this.progressIntervalNanos
				|| step.step() == step.totalSteps()) {
			this.lastReportAt = now;
			this.writes.submit(new LedgerWrite.Progress(step, etaSeconds(step, now)));
		}
	}

	@Override
	public void onEpoch(EpochResult epoch) {
		this.writes.submit(new LedgerWrite.Epoch(epoch));
	}

	@Override
	public void onCheckpoint(CheckpointWritten checkpoint) {
		this.writes.submit(new LedgerWrite.Checkpoint(checkpoint));
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
