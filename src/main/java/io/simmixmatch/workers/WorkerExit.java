package io.simmixmatch.workers;

/**
 * How a worker process ended, as its supervisor saw it, in words for a run's error. Java
 * reports a process ended by a signal as 128 + the signal's number.
 *
 * @param status the process's exit status
 */
record WorkerExit(int status) {

	/** SIGKILL: {@code kill -9}, or the kernel's out-of-memory killer. */
	static final int KILLED = 128 + 9;

	/** Workers run with {@code -XX:+ExitOnOutOfMemoryError}, which exits with 3. */
	static final int OUT_OF_HEAP = 3;

	boolean killed() {
		return this.status == KILLED;
	}

	String describe(String worker) {
		if (killed()) {
			return worker + " was killed by SIGKILL (exit status " + KILLED
					+ "), as the kernel's out-of-memory killer ends a process that needs more memory than it may have";
		}
		if (this.status == OUT_OF_HEAP) {
			return worker + " ran out of Java heap (exit status " + OUT_OF_HEAP + ")";
		}
		if (this.status > 128) {
			return worker + " was killed by signal " + (this.status - 128) + " (exit status " + this.status + ")";
		}
		return worker + " exited with status " + this.status;
	}

}
