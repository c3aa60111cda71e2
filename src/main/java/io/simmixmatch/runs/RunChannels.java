package io.simmixmatch.runs;

import java.util.OptionalInt;

/** The notification channels about runs, and their payloads. */
public final class RunChannels {

	/** A client asked a run to stop; the payload is the run id. */
	public static final String CANCEL = "run_cancel";

	/**
	 * A run changed ({@code <id>}) or recorded an epoch ({@code <id>:<epoch>}): what the
	 * event streams relay.
	 */
	public static final String EVENTS = "run_events";

	private RunChannels() {
	}

	static String runChanged(long runId) {
		return Long.toString(runId);
	}

	static String epochRecorded(long runId, int epoch) {
		return runId + ":" + epoch;
	}

	/**
	 * The run an {@link #EVENTS} payload is about.
	 * @param payload the payload
	 * @return the run id
	 */
	public static long runId(String payload) {
		int colon = payload.indexOf(':');
		return Long.parseLong((colon < 0) ? payload : payload.substring(0, colon));
	}

	/**
	 * The epoch an {@link #EVENTS} payload announces.
	 * @param payload the payload
	 * @return the epoch, or empty where the run itself changed
	 */
	public static OptionalInt epoch(String payload) {
		int colon = payload.indexOf(':');
		return (colon < 0) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(payload.substring(colon + 1)));
	}

}
