package io.simmixmatch.runs;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** Runs as other modules launch and stop them, by id. */
public interface RunControl {

	/**
	 * Queues runs in the caller's transaction: all of them, or none when one is refused.
	 * @param requests what each run trains
	 * @param caller who launches them, or null where authentication is off
	 * @return the runs' ids, in the order of the requests
	 * @throws org.springframework.web.ErrorResponseException 400 for a refused run, 429
	 * when the caller may not have that many more runs queued or running
	 */
	List<Long> launch(List<CreateRunRequest> requests, @Nullable String caller);

	/**
	 * Asks each of the runs that has not ended to stop, as a cancellation does, each read
	 * under its row lock.
	 * @param runIds the runs
	 * @return whether any of them had not ended
	 */
	boolean cancelAll(List<Long> runIds);

	/**
	 * Stops a running run early, for a rule of the caller's (a study's median rule).
	 * @param runId the run
	 * @param reason why, for people; shown as the run's {@code stoppedEarly}
	 */
	void stopEarly(long runId, String reason);

}
