package io.simmixmatch.training;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a run is: the steps taken, the epochs so far, the best one. Restored on resume.
 */
final class TrainingProgress {

	long step;

	/** The time trained so far, every attempt of the run included. */
	double trainedSeconds;

	final List<EpochResult> history = new ArrayList<>();

	@Nullable Accuracy best;

	int bestEpoch;

	/**
	 * Records an epoch's validation accuracy. Without a validation set, the latest epoch
	 * is the best there is.
	 * @param epoch the epoch
	 * @param validation its accuracy, or null without a validation set
	 * @return whether it is the best so far
	 */
	boolean validated(int epoch, @Nullable Accuracy validation) {
		boolean better = validation == null || this.best == null || validation.isBetterThan(this.best);
		if (better) {
			this.best = validation;
			this.bestEpoch = epoch;
		}
		return better;
	}

	double meanImagesPerSecond() {
		return this.history.stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(0);
	}

	double meanDataShare() {
		return this.history.stream().mapToDouble(EpochResult::dataShare).average().orElse(0);
	}

}
