package io.simmixmatch.runs;

import java.util.Set;

/**
 * Where a run is in its life. The legal transitions are defined here and nowhere else:
 * <pre>
 * QUEUED ──> RUNNING ──> SUCCEEDED | FAILED | CANCELLED
 *    │          │
 *    │          └──> QUEUED (handed back by a stopping worker)
 *    └──> CANCELLED
 * </pre>
 */
public enum RunStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

	/**
	 * Whether the run has ended; a terminal status never changes again.
	 * @return {@code true} for SUCCEEDED, FAILED and CANCELLED
	 */
	public boolean isTerminal() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED;
	}

	/**
	 * Whether a run in this status may move to the given one.
	 * @param next the status to move to
	 * @return {@code true} if the transition is legal
	 */
	public boolean canTransitionTo(RunStatus next) {
		return switch (this) {
			case QUEUED -> Set.of(RUNNING, CANCELLED).contains(next);
			case RUNNING -> Set.of(QUEUED, SUCCEEDED, FAILED, CANCELLED).contains(next);
			case SUCCEEDED, FAILED, CANCELLED -> false;
		};
	}

}
