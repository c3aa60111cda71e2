package io.simmixmatch.runs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The runs of studies, for the module that plans and compares them: a study is a group of
 * ordinary runs, each tagged with its study and configuration.
 */
public interface StudyRuns {

	/**
	 * Queues a study's runs in the caller's transaction: all of them, or none when one is
	 * refused.
	 * @param studyId the study
	 * @param runs each run with its configuration's place in the study
	 * @param caller who launches them, or null where authentication is off
	 * @throws org.springframework.web.ErrorResponseException 400 for a refused run, 429
	 * when the caller may not have that many more runs queued or running
	 */
	void launch(long studyId, List<StudyRun> runs, @Nullable String caller);

	/**
	 * The study's runs, in launch order.
	 * @param studyId the study
	 * @return its runs
	 */
	List<RunResponse> of(long studyId);

	/**
	 * The curves of the study's runs.
	 * @param studyId the study
	 * @return each run's epochs in order, by run id
	 */
	Map<Long, List<EpochMetricResponse>> curvesOf(long studyId);

	/**
	 * One point of a run's curve.
	 * @param runId the run
	 * @param epoch the epoch
	 * @return the point, or empty if the run has not recorded that epoch
	 */
	Optional<EpochMetricResponse> epochOf(long runId, int epoch);

	/**
	 * The validation top-1 accuracy that the study's other runs reached at an epoch.
	 * @param studyId the study
	 * @param epoch the epoch
	 * @param exceptRunId the run to leave out
	 * @return one value for each other run that recorded the epoch with a validation set
	 */
	List<Double> validationTop1At(long studyId, int epoch, long exceptRunId);

	/**
	 * Asks each of the study's runs that has not ended to stop, as a cancellation does,
	 * each read under its row lock.
	 * @param studyId the study
	 * @return whether any run had not ended
	 */
	boolean cancelAll(long studyId);

	/**
	 * Stops a running run early, for its study's rule.
	 * @param runId the run
	 * @param reason why, for people; shown as the run's {@code stoppedEarly}
	 */
	void stopEarly(long runId, String reason);

	/**
	 * The study a run belongs to.
	 * @param runId the run
	 * @return the study's id, or null if the run has none (or does not exist)
	 */
	@Nullable Long studyOf(long runId);

	/**
	 * One run of a study.
	 *
	 * @param configuration the place of its configuration in the study, from 0
	 * @param request what to train
	 */
	record StudyRun(int configuration, CreateRunRequest request) {
	}

}
