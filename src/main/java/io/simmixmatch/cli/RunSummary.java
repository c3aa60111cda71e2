package io.simmixmatch.cli;

import java.util.List;
import java.util.Map;

import ai.djl.Device;
import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.Preset;
import io.simmixmatch.training.TrainingOutcome;
import io.simmixmatch.training.TrainingSetup;
import org.jspecify.annotations.Nullable;

/**
 * The JSON summary of a run ({@code --json-out}): what was trained, the curve, and the
 * final numbers.
 *
 * @param algorithm the algorithm
 * @param preset the preset
 * @param hyperparameters the effective hyperparameters, without the split's where the
 * data set's layout is its split
 * @param dataset the data set
 * @param device the training device
 * @param split sizes of the split
 * @param completed whether the run reached its last step
 * @param curve one entry per epoch
 * @param bestEpoch the epoch with the best validation accuracy
 * @param bestValidation that accuracy
 * @param bestTest test accuracy of the best checkpoint
 * @param finalTest test accuracy of the EMA model at the end
 * @param imagesPerSecond training images per second
 * @param dataShare share of step time spent preparing batches
 * @param wallSeconds wall time of the run
 */
record RunSummary(Algorithm algorithm, String preset, Map<String, Object> hyperparameters, String dataset,
		String device, SplitSizes split, boolean completed, List<EpochResult> curve, int bestEpoch,
		@Nullable Accuracy bestValidation, @Nullable Accuracy bestTest, @Nullable Accuracy finalTest,
		double imagesPerSecond, double dataShare, double wallSeconds) {

	static RunSummary of(TrainingSetup setup, boolean splitByLayout, Preset preset, Device device,
			TrainingOutcome outcome) {
		Accuracy bestValidation = outcome.history()
			.stream()
			.filter((epoch) -> epoch.epoch() == outcome.bestEpoch())
			.map(EpochResult::validation)
			.findFirst()
			.orElse(null);
		SplitSizes split = new SplitSizes(setup.split().labeled().length, setup.split().validation().length,
				setup.split().unlabeled().length, setup.split().test().length);
		return new RunSummary(setup.algorithm(), preset.id(), setup.hyperparameters().shown(splitByLayout),
				setup.images().name(), device.toString(), split, outcome.completed(), outcome.history(),
				outcome.bestEpoch(), bestValidation, outcome.bestTest(), outcome.finalTest(), outcome.imagesPerSecond(),
				outcome.dataShare(), outcome.wallSeconds());
	}

	String describe() {
		if (!this.completed) {
			return "Stopped; resume with --resume <out>/last.ckpt";
		}
		return "%s: best epoch %d, test top-1 %s top-5 %s (best checkpoint); final %s; %.0f img/s; %.0f s".formatted(
				this.algorithm, this.bestEpoch, percent(this.bestTest, true), percent(this.bestTest, false),
				(this.finalTest != null) ? percent(this.finalTest, true) : "-", this.imagesPerSecond, this.wallSeconds);
	}

	private static String percent(@Nullable Accuracy accuracy, boolean top1) {
		if (accuracy == null) {
			return "-";
		}
		return "%.2f%%".formatted(100 * (top1 ? accuracy.top1() : accuracy.top5()));
	}

	/**
	 * Images per role.
	 *
	 * @param labeled labeled images
	 * @param validation validation images
	 * @param unlabeled unlabeled images
	 * @param test test images
	 */
	record SplitSizes(int labeled, int validation, int unlabeled, int test) {
	}

}
