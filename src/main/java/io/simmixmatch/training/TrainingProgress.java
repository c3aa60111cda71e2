package io.simmixmatch.training;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a run is: the steps taken, the epochs so far, the best one. Restored on resume.
 */
final class TrainingProgress {

	long step;

	final List<EpochResult> history = new ArrayList<>();

	@Nullable Accuracy best;

	int bestEpoch;

	/**
	 * Records an epoch's validation accuracy.
	 * @param epoch the epoch
	 * @param validation its accuracy
	 * @return whether it is the best so far
	 */
	boolean validated(int epoch, Accuracy validation) {
		boolean better = this.best == null || validation.isBetterThan(this.best);
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
