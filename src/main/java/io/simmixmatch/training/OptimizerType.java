package io.simmixmatch.training;

/** Optimizers whose state can be checkpointed for an exact resume. */
public enum OptimizerType {

	/** Adam with L2 weight decay added to every gradient (the original code's). */
	ADAM,

	/**
	 * Adam with decoupled decay of the convolution and linear kernels,
	 * {@code w <- w * (1 - lr * weightDecay)} after every step (MixMatch's).
	 */
	ADAMW

}
