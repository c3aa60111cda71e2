package io.simmixmatch.training;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The randomness of a run, derived from its seed and the step alone: batch sampling and
 * MixUp on the Java side, initialization and augmentation in the engine's generator. A
 * run resumed from a checkpoint therefore repeats exactly the steps it would have taken,
 * with no generator state to save.
 */
final class StepRandomness {

	private StepRandomness() {
	}

	/**
	 * The Java-side generator of a step (batches, MixUp).
	 * @param seed the run's seed
	 * @param step the step, from 0
	 * @return a generator for that step alone
	 */
	static UniformRandomProvider of(long seed, long step) {
		// A long seed is expanded by SplitMix64: never the all-zero state.
		return RandomSource.XO_RO_SHI_RO_128_PP.create(streamSeed(seed, step));
	}

	/**
	 * The seed of the engine's generator for a step's augmentation.
	 * @param seed the run's seed
	 * @param step the step, from 0
	 * @return the engine seed
	 */
	static int engineSeed(long seed, long step) {
		return Long.hashCode(streamSeed(seed, step) ^ 0x5DEECE66DL) & Integer.MAX_VALUE;
	}

	/**
	 * The seed of the engine's generator for the network's initialization.
	 * @param seed the run's seed
	 * @return the engine seed
	 */
	static int initializationSeed(long seed) {
		return engineSeed(seed, -1);
	}

	/**
	 * Samples a batch from a pool: without replacement when the pool is large enough, as
	 * an epoch over it would.
	 * @param pool image indices
	 * @param count how many to draw
	 * @param random the step's generator
	 * @return the drawn indices
	 */
	static long[] sample(int[] pool, int count, UniformRandomProvider random) {
		if (pool.length < count) {
			return random.ints(count, 0, pool.length).mapToLong((i) -> pool[i]).toArray();
		}
		return random.ints(0, pool.length).distinct().limit(count).mapToLong((i) -> pool[i]).toArray();
	}

	private static long streamSeed(long seed, long step) {
		return seed * 0x9E3779B97F4A7C15L + step;
	}

}
