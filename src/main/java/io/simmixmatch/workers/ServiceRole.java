package io.simmixmatch.workers;

/** What a service process does; {@code SIMMIXMATCH_ROLE}. */
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
