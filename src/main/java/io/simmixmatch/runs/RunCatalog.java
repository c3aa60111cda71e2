package io.simmixmatch.runs;

import java.util.Optional;

/** Runs as other modules read them. */
public interface RunCatalog {

	/**
	 * A run as its clients see it.
	 * @param runId the run
	 * @return it, or empty if there is no such run
	 */
	Optional<RunResponse> view(long runId);

}
