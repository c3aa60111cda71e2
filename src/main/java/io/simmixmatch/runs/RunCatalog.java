package io.simmixmatch.runs;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs as other modules read them, by id. */
public interface RunCatalog {

	/**
	 * A run as its clients see it.
	 * @param runId the run
	 * @return it, or empty if there is no such run
	 */
	Optional<RunResponse> view(long runId);

	/**
	 * Runs as their clients see them.
	 * @param runIds the runs
	 * @return those that exist, in the order of their ids
	 */
	List<RunResponse> views(Collection<Long> runIds);

	/**
	 * The curves of runs.
	 * @param runIds the runs
	 * @return each run's epochs in order, keyed by run id in ascending order
	 */
	Map<Long, List<EpochMetricResponse>> curves(Collection<Long> runIds);

	/**
	 * One point of a run's curve.
	 * @param runId the run
	 * @param epoch the epoch
	 * @return the point, or empty if the run has not recorded that epoch
	 */
	Optional<EpochMetricResponse> epoch(long runId, int epoch);

	/**
	 * The validation top-1 accuracy that runs reached at an epoch.
	 * @param runIds the runs
	 * @param epoch the epoch
	 * @return one value for each of them that recorded the epoch with a validation set
	 */
	List<Double> validationTop1At(Collection<Long> runIds, int epoch);

}
