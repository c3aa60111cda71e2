package io.simmixmatch.training;

/** How the learning rate evolves over the steps of a run. */
public enum LearningRateSchedule {

	CONSTANT, STEP, COSINE

}
