package io.simmixmatch.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch records operations for autograd on every thread unless told otherwise, and DJL
 * tells only the thread that loads the engine. On any other thread a forward pass would
 * build a graph nobody uses, and an in-place update of a weight (the optimizer's, the
 * EMA's) fails outright. Training and inference call {@link #disable()} on the thread
 * they run on; a gradient collector turns recording on for its own scope and back off.
 */
final class GradMode {

	private GradMode() {
	}

	static void disable() {
		Engine.getInstance();
		JniUtils.setGradMode(false);
	}

}
