package io.simmixmatch.studies;

/** How a study chooses its configurations. */
enum StudyStrategy {

	/** Every combination of the grid's values. */
	GRID,

	/** Configurations drawn at random from declared ranges. */
	RANDOM

}
