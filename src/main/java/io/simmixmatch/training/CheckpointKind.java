package io.simmixmatch.training;

/** Why a checkpoint was written. */
public enum CheckpointKind {

	/** The best validation accuracy so far; replaced when beaten. */
	BEST,

	/** The latest state, to resume from; replaced at every epoch. */
	LAST,

	/** Kept every {@code checkpointEvery} epochs. */
	PERIODIC,

	/**
	 * A copy of a BEST checkpoint made when it was promoted to a model version: never
	 * replaced, so the version keeps serving what was promoted.
	 */
	RELEASED

}
