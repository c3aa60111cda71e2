package io.simmixmatch.training;

/** Why a checkpoint was written. */
public enum CheckpointKind {

	/** The best validation accuracy so far; replaced when beaten. */
	BEST,

	/** The latest state, to resume from; replaced at every epoch. */
	LAST,

	/** Kept every {@code checkpointEvery} epochs. */
	PERIODIC

}
