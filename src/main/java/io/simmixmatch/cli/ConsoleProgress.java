package io.simmixmatch.cli;

import java.io.PrintStream;

import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.CheckpointWritten;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.Losses;
import io.simmixmatch.training.StepResult;
import io.simmixmatch.training.TrainingListener;

/**
 * A progress bar redrawn in place at most twice a second (loss terms, throughput, ETA),
 * and a line per epoch with the validation accuracy of the EMA model.
 */
final class ConsoleProgress implements TrainingListener {

	private static final long REDRAW_NANOS = 500_000_000L;

	private static final int BAR = 24;

	private final PrintStream out;

	private long lastDraw;

	ConsoleProgress(PrintStream out) {
		this.out = out;
	}

	@Override
	public void onStep(StepResult step) {
		long now = System.nanoTime();
		if (now - this.lastDraw < REDRAW_NANOS && step.step() != step.totalSteps()) {
			return;
		}
		this.lastDraw = now;
		double done = (double) step.step() / step.totalSteps();
		int filled = (int) Math.round(done * BAR);
		Losses losses = step.losses();
		this.out.printf("\r[%s%s] %3.0f%% step %d/%d  loss %.3f (x %.3f u %.4f sim %.3f)  %.0f img/s  data %.0f%%",
				"#".repeat(filled), ".".repeat(BAR - filled), done * 100, step.step(), step.totalSteps(),
				losses.total(), losses.supervised(), losses.consistency(), losses.contrastive(), step.imagesPerSecond(),
				step.dataShare() * 100);
		this.out.flush();
	}

	@Override
	public void onEpoch(EpochResult epoch) {
		Losses losses = epoch.losses();
		Accuracy validation = epoch.validation();
		String validated = (validation != null)
				? "val top-1 %.2f%% top-5 %.2f%%".formatted(validation.top1() * 100, validation.top5() * 100)
				: "no validation set";
		this.out.printf("%nepoch %3d  loss %.4f (x %.4f u %.4f sim %.4f)  %s%s  %.0f img/s  %.1fs%n", epoch.epoch(),
				losses.total(), losses.supervised(), losses.consistency(), losses.contrastive(), validated,
				epoch.best() ? "  (best)" : "", epoch.imagesPerSecond(), epoch.durationMillis() / 1000.0);
	}

	@Override
	public void onCheckpoint(CheckpointWritten checkpoint) {
		if (checkpoint.kind() != CheckpointKind.LAST) {
			this.out.printf("           checkpoint %s -> %s%n", checkpoint.kind(), checkpoint.file());
		}
	}

}
