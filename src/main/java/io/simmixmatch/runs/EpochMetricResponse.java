package io.simmixmatch.runs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One point of a run's curves.
 *
 * @param epoch the epoch, from 1
 * @param step optimizer steps completed at its end
 * @param learningRate the learning rate at its end
 * @param loss mean total training loss
 * @param lossX mean supervised loss
 * @param lossU mean consistency loss (MixMatch and SimMixMatch)
 * @param lossSim mean contrastive loss (SimMixMatch)
 * @param valTop1 validation top-1 accuracy of the EMA model, 0 to 1; null without a
 * validation set
 * @param valTop5 validation top-5 accuracy of the EMA model, 0 to 1; null without one
 * @param imagesPerSecond training throughput over the epoch
 * @param durationMs wall time of the epoch
 * @param recordedAt when it was recorded
 */
public record EpochMetricResponse(int epoch, long step, @Nullable Double learningRate, @Nullable Double loss,
		@Nullable Double lossX, @Nullable Double lossU, @Nullable Double lossSim, @Nullable Double valTop1,
		@Nullable Double valTop5, @Nullable Double imagesPerSecond, @Nullable Long durationMs, Instant recordedAt) {

	static EpochMetricResponse of(EpochMetric metric) {
		EpochMetric.Losses losses = metric.getLosses();
		return new EpochMetricResponse(metric.getEpoch(), metric.getStep(), losses.learningRate(), losses.loss(),
				losses.lossX(), losses.lossU(), losses.lossSim(), metric.getValTop1(), metric.getValTop5(),
				metric.getImagesPerSecond(), metric.getDurationMs(), metric.getRecordedAt());
	}

}
