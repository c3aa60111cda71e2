package io.simmixmatch.training;

/** Optimizers whose state can be checkpointed for an exact resume. */
public enum OptimizerType {

	/** Adam with L2 weight decay added to the gradient. */
	ADAM,

	/** Adam with decoupled weight decay. */
	ADAMW

}
