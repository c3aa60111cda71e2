package io.simmixmatch.workers;

/**
 * The run a worker trains now. It stops by one rule: when its ledger, answering a
 * progress report, says that a client asked it to. A {@code CancelRequested} event only
 * makes the next step report at once instead of after the progress interval.
 */
final class ActiveRun {

	private final long id;

	private volatile boolean cancelled;

	private volatile boolean reportDue;

	ActiveRun(long id) {
		this.id = id;
	}

	long id() {
		return this.id;
	}

	/** The ledger answered that a client asked the run to stop. */
	void cancel() {
		this.cancelled = true;
	}

	boolean isCancelled() {
		return this.cancelled;
	}

	/** A client asked the run to stop: its next step reports, and learns it. */
	void reportSoon() {
		this.reportDue = true;
	}

	/**
	 * Whether a report was asked for since the last call.
	 * @return whether the next step reports whatever the interval
	 */
	boolean takeReportDue() {
		boolean due = this.reportDue;
		this.reportDue = false;
		return due;
	}

}
