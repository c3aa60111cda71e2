package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * MixMatch's MixUp: each input is mixed with a random partner from the same batch, with
 * weight {@code lambda' = max(lambda, 1 - lambda)}, {@code lambda ~ Beta(alpha, alpha)},
 * so the mix stays closer to the original input (and its labeled or unlabeled loss).
 */
final class MixUp {

	private final ContinuousDistribution.Sampler beta;

	private final UniformRandomProvider random;

	MixUp(double alpha, UniformRandomProvider random) {
		this.beta = BetaDistribution.of(alpha, alpha).createSampler(random);
		this.random = random;
	}

	/**
	 * Samples a mixing weight.
	 * @return lambda' in [0.5, 1]
	 */
	double sampleWeight() {
		return dominant(this.beta.sample());
	}

	static double dominant(double lambda) {
		return Math.max(lambda, 1 - lambda);
	}

	/**
	 * Samples a random permutation of the batch (Fisher-Yates).
	 * @param size the batch size
	 * @return the partner of each position
	 */
	long[] samplePartners(int size) {
		long[] partners = new long[size];
		for (int i = 0; i < size; i++) {
			partners[i] = i;
		}
		for (int i = size - 1; i > 0; i--) {
			int j = this.random.nextInt(i + 1);
			long swap = partners[i];
			partners[i] = partners[j];
			partners[j] = swap;
		}
		return partners;
	}

	/**
	 * Mixes inputs and targets with their partners: {@code w * a + (1 - w) * a[partner]}.
	 * @param inputs {@code (N, ...)}
	 * @param targets {@code (N, C)}
	 * @param weight lambda'
	 * @param partners a permutation of 0..N-1
	 * @return the mixed inputs and targets
	 */
	static NDList mix(NDArray inputs, NDArray targets, double weight, long[] partners) {
		NDIndex shuffle = new NDIndex("{}", inputs.getManager().create(partners));
		return new NDList(blend(inputs, inputs.get(shuffle), weight), blend(targets, targets.get(shuffle), weight));
	}

	private static NDArray blend(NDArray a, NDArray b, double weight) {
		return a.mul((float) weight).add(b.mul((float) (1 - weight)));
	}

}
