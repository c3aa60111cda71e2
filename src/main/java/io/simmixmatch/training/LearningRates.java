package io.simmixmatch.training;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate of each step, from the schedule of the hyperparameters: a linear
 * warm-up from 0 over {@code warmupEpochs}, then the schedule over the steps left.
 */
final class LearningRates {

	private LearningRates() {
	}

	static Tracker of(Hyperparameters hp) {
		int warmup = (int) Math.min(hp.totalSteps(), (long) hp.warmupEpochs() * hp.stepsPerEpoch());
		Tracker schedule = schedule(hp, (int) Math.min(Integer.MAX_VALUE, Math.max(1, hp.totalSteps() - warmup)));
		return (warmup == 0) ? schedule
				: Tracker.warmUp().setMainTracker(schedule).optWarmUpSteps(warmup).optWarmUpBeginValue(0).build();
	}

	private static Tracker schedule(Hyperparameters hp, int total) {
		float base = (float) hp.learningRate();
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
