package io.simmixmatch.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a run is: the steps taken, the time trained, the epochs so far and the best one.
 * Written to every checkpoint and restored from it on resume.
 */
final class TrainingProgress {

	private long step;

	private double trainedSeconds;

	private final List<EpochResult> history = new ArrayList<>();

	private @Nullable Accuracy best;

	private int bestEpoch;

	long step() {
		return this.step;
	}

	void stepTaken() {
		this.step++;
	}

	/**
	 * The time trained so far, every attempt of the run included.
	 * @return seconds
	 */
	double trainedSeconds() {
		return this.trainedSeconds;
	}

	void trainedFor(double seconds) {
		this.trainedSeconds = seconds;
	}

	/**
	 * Records an epoch at the current step. Without a validation set, the latest epoch is
	 * the best there is.
	 * @param epoch the epoch
	 * @param learningRate the learning rate at its end
	 * @param losses its mean losses
	 * @param validation its accuracy, or null without a validation set
	 * @param imagesPerSecond its throughput
	 * @param dataShare its share of step time spent preparing batches
	 * @param durationMillis its wall time
	 * @return the epoch, with whether it is the best so far
	 */
	EpochResult recordEpoch(int epoch, double learningRate, Losses losses, @Nullable Accuracy validation,
			double imagesPerSecond, double dataShare, long durationMillis) {
		boolean better = validation == null || this.best == null || validation.isBetterThan(this.best);
		if (better) {
			this.best = validation;
			this.bestEpoch = epoch;
		}
		EpochResult result = new EpochResult(epoch, this.step, learningRate, losses, validation, imagesPerSecond,
				dataShare, durationMillis, better);
		this.history.add(result);
		return result;
	}

	List<EpochResult> history() {
		return List.copyOf(this.history);
	}

	/**
	 * An epoch's validation accuracy.
	 * @param epoch the epoch
	 * @return it, or null if the epoch is not recorded or had no validation set
	 */
	@Nullable Accuracy validationOf(int epoch) {
		return this.history.stream()
			.filter((recorded) -> recorded.epoch() == epoch)
			.map(EpochResult::validation)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	@Nullable Accuracy best() {
		return this.best;
	}

	int bestEpoch() {
		return this.bestEpoch;
	}

	/**
	 * Continues from where a checkpoint was taken.
	 * @param metadata the checkpoint's
	 */
	void restore(CheckpointMetadata metadata) {
		this.step = metadata.step();
		this.trainedSeconds = metadata.trainedSeconds();
		this.history.addAll(metadata.history());
		this.best = metadata.best();
		this.bestEpoch = metadata.bestEpoch();
	}

	double meanImagesPerSecond() {
		return this.history.stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(0);
	}

	double meanDataShare() {
		return this.history.stream().mapToDouble(EpochResult::dataShare).average().orElse(0);
	}

}
