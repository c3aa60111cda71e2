package io.simmixmatch.studies;

import java.util.List;
import java.util.Map;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;
import org.jspecify.annotations.Nullable;

/**
 * The statistics of a study: one configuration over its seeds, and two compared seed by
 * seed.
 */
final class SeedStatistics {

	private static final double CONFIDENCE = 0.95;

	private SeedStatistics() {
	}

	/**
	 * Mean and sample standard deviation.
	 * @param values one value per seed
	 * @return their summary; no standard deviation for fewer than two values
	 */
	static Summary summary(List<Double> values) {
		int n = values.size();
		if (n == 0) {
			return new Summary(0, null, null);
		}
		double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		if (n == 1) {
			return new Summary(1, mean, null);
		}
		double squares = values.stream().mapToDouble((value) -> (value - mean) * (value - mean)).sum();
		return new Summary(n, mean, Math.sqrt(squares / (n - 1)));
	}

	/**
	 * A configuration against the baseline over the seeds both have a value for: the mean
	 * difference, its 95% confidence interval from Student's t distribution, and the
	 * p-value of the paired two-sided t-test.
	 * @param values the configuration's values by seed
	 * @param baseline the baseline's values by seed
	 * @return the comparison, or null for fewer than two shared seeds
	 */
	static @Nullable Paired paired(Map<Long, Double> values, Map<Long, Double> baseline) {
		List<Long> seeds = values.keySet().stream().filter(baseline::containsKey).sorted().toList();
		if (seeds.size() < 2) {
			return null;
		}
		double[] x = seeds.stream().mapToDouble(values::get).toArray();
		double[] y = seeds.stream().mapToDouble(baseline::get).toArray();
		Summary differences = summary(seeds.stream().map((seed) -> values.get(seed) - baseline.get(seed)).toList());
		double mean = differences.mean();
		double halfWidth = TDistribution.of(seeds.size() - 1).inverseSurvivalProbability((1 - CONFIDENCE) / 2)
				* differences.sd() / Math.sqrt(seeds.size());
		// Equal differences on every seed leave no variance to test against.
		Double pValue = (differences.sd() > 0) ? TTest.withDefaults().pairedTest(x, y).getPValue() : null;
		return new Paired(seeds.size(), mean, mean - halfWidth, mean + halfWidth, pValue);
	}

	/**
	 * A configuration's values over its seeds.
	 *
	 * @param n how many runs have a value
	 * @param mean their mean, or null for none
	 * @param sd their sample standard deviation, or null for fewer than two
	 */
	record Summary(int n, @Nullable Double mean, @Nullable Double sd) {
	}

	/**
	 * A configuration against the baseline, seed by seed.
	 *
	 * @param pairs the seeds both have a value for
	 * @param difference the mean of the configuration's value minus the baseline's
	 * @param low the lower end of the 95% confidence interval of the difference
	 * @param high its upper end
	 * @param pValue the two-sided p-value of the paired t-test; null where every seed
	 * differs by the same amount
	 */
	record Paired(int pairs, double difference, double low, double high, @Nullable Double pValue) {
	}

}
