package io.simmixmatch.workers;

/** The run a worker trains now, and whether a client cancelled it. */
final class ActiveRun {

	private final long id;

	private volatile boolean cancelled;

	ActiveRun(long id) {
		this.id = id;
	}

	long id() {
		return this.id;
	}

	void cancel() {
		this.cancelled = true;
	}

	boolean isCancelled() {
		return this.cancelled;
	}

}
