package io.simmixmatch.runs;

/** A request asked a run for a status change that its current status does not allow. */
class IllegalRunTransitionException extends RuntimeException {

	IllegalRunTransitionException(Long runId, RunStatus from, RunStatus to) {
		super(from.isTerminal() ? "Run %d has already ended as %s".formatted(runId, from)
				: "Run %d is %s and cannot become %s".formatted(runId, from, to));
	}

}
