package io.simmixmatch.training;

import ai.djl.training.tracker.Tracker;

/** The learning rate of each step, from the schedule of the hyperparameters. */
final class LearningRates {

	private LearningRates() {
	}

	static Tracker of(Hyperparameters hp) {
		float base = (float) hp.learningRate();
		int total = (int) Math.min(Integer.MAX_VALUE, hp.totalSteps());
		return switch (hp.learningRateSchedule()) {
			case CONSTANT -> Tracker.fixed(base);
			// Divides by 10 at half and at three quarters of the run.
			case STEP -> Tracker.multiFactor()
				.setSteps(new int[] { Math.max(1, total / 2), Math.max(2, total * 3 / 4) })
				.optFactor(0.1f)
				.setBaseValue(base)
				.build();
			case COSINE -> Tracker.cosine().setBaseValue(base).optFinalValue(0).setMaxUpdates(total).build();
		};
	}

}
