package io.simmixmatch;

/**
 * What a service process does; {@code SIMMIXMATCH_ROLE}. Outside the modules, since more
 * than one module acts on it: workers train or launch workers by it, and only instances
 * that serve the API run data set imports.
 */
public enum ServiceRole {

	/** Serves the API and queues runs; trains nothing. */
	API,

	/**
	 * Trains queued runs on its devices (a worker pod, or a process the supervisor
	 * launched).
	 */
	WORKER,

	/** Serves the API and launches and supervises one worker process per device slot. */
	BOTH

}
