package io.simmixmatch.studies;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.simmixmatch.runs.RunStatus;
import io.simmixmatch.studies.CreateStudyRequest.MedianStopping;
import io.simmixmatch.studies.SeedStatistics.Paired;
import io.simmixmatch.studies.SeedStatistics.Summary;
import org.jspecify.annotations.Nullable;

/**
 * A study as clients see it: per configuration its runs and their aggregate, and each
 * configuration against the baseline.
 *
 * @param id the study id
 * @param name a name for people
 * @param datasetId the data set its runs train on
 * @param strategy how its configurations were chosen
 * @param status ACTIVE while one of its runs has not ended, then ENDED
 * @param cancelRequested whether a client cancelled it
 * @param seeds the seeds of every configuration
 * @param metric what the accuracy columns hold: {@code test} (the best checkpoint's
 * accuracy on the test split) or, for a data set without one, {@code validation}
 * @param medianStopping the early-stopping rule, or null where it is off
 * @param configurations each configuration and its runs
 * @param baseline the place of the baseline configuration, or null without one
 * @param best the place of the configuration with the highest mean top-1, once one has a
 * value
 * @param createdBy who launched it; null where authentication is off
 * @param createdAt when it was launched
 */
record StudyResponse(long id, String name, String datasetId, StudyStrategy strategy, StudyStatus status,
		boolean cancelRequested, List<Long> seeds, String metric, @Nullable MedianStopping medianStopping,
		List<ConfigurationResult> configurations, @Nullable Integer baseline, @Nullable Integer best,
		@Nullable String createdBy, Instant createdAt) {

	/** Where a study is in its life. */
	enum StudyStatus {

		/** A run has not ended yet. */
		ACTIVE,

		/** Every run has ended. */
		ENDED

	}

	/**
	 * One configuration of a study.
	 *
	 * @param index its place in the study, from 0
	 * @param label a short name, such as {@code SIMMIXMATCH lambdaSim=0.25}
	 * @param values what it sets beyond the base: the algorithm and hyperparameters
	 * @param runs its runs, one per seed
	 * @param top1 top-1 accuracy of its succeeded runs, 0 to 1
	 * @param top5 top-5 accuracy of its succeeded runs, 0 to 1
	 * @param balancedAccuracy balanced accuracy of its succeeded runs (the mean of the
	 * classes' top-1), 0 to 1
	 * @param wallSeconds mean wall time of its succeeded runs
	 * @param imagesPerSecond mean training throughput of its runs
	 * @param againstBaseline its top-1 against the baseline's, paired by seed; null for
	 * the baseline itself and before two seeds of both have succeeded
	 */
	record ConfigurationResult(int index, String label, Map<String, Object> values, List<RunResult> runs, Summary top1,
			Summary top5, Summary balancedAccuracy, @Nullable Double wallSeconds, @Nullable Double imagesPerSecond,
			@Nullable Paired againstBaseline) {
	}

	/**
	 * One run of a configuration.
	 *
	 * @param id the run id
	 * @param seed its seed
	 * @param status where it is in its life
	 * @param top1 the study's metric, top-1, once it succeeded
	 * @param top5 the study's metric, top-5, once it succeeded
	 * @param balancedAccuracy the mean of its classes' top-1 on the study's metric, once
	 * it succeeded
	 * @param wallSeconds from its start to its end, once it succeeded
	 * @param imagesPerSecond its recent training throughput
	 * @param stoppedEarly why the median rule stopped it, if it did
	 */
	record RunResult(long id, long seed, RunStatus status, @Nullable Double top1, @Nullable Double top5,
			@Nullable Double balancedAccuracy, @Nullable Double wallSeconds, @Nullable Double imagesPerSecond,
			@Nullable String stoppedEarly) {
	}

}
