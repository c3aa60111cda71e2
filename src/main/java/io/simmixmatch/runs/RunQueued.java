package io.simmixmatch.runs;

/**
 * A run was launched, inside the launching transaction: a listener that writes to the
 * database joins it, so the run and its queue entry commit together or not at all.
 *
 * @param runId the run
 * @param priority its priority among queued runs
 */
public record RunQueued(long runId, int priority) {

}
