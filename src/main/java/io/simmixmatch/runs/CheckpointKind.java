package io.simmixmatch.runs;

/** Why a checkpoint was written. */
enum CheckpointKind {

	/**
	 * The highest validation top-1 so far (ties broken by top-5); replaced when beaten.
	 */
	BEST,

	/** The most recent state, to resume from; replaced at every save. */
	LAST,

	/** Kept every {@code checkpointEvery} epochs. */
	PERIODIC

}
