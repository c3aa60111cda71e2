package io.simmixmatch.studies;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Weighting;

/**
 * One configuration of a study: its algorithm and the hyperparameters it sets beyond the
 * base, without those its algorithm ignores (so that a grid over {@code lambdaSim} runs
 * the supervised baseline once, not once per value), and without FixMatch's threshold
 * where it or the study's base sets a {@link Weighting} that does not read it.
 *
 * @param algorithm the algorithm
 * @param hyperparameters values by name, in the order the request gave them
 */
record Configuration(Algorithm algorithm, Map<String, Object> hyperparameters) {

	static final String ALGORITHM = "algorithm";

	private static final String WEIGHTING = "weighting";

	private static final String THRESHOLD = "threshold";

	/**
	 * The configuration that values make.
	 * @param values {@code algorithm} (a name) and hyperparameters by name
	 * @param base the study's base: the algorithm and weighting where the values name
	 * none
	 * @return the configuration, without the hyperparameters it ignores
	 */
	static Configuration of(Map<String, ?> values, CreateStudyRequest.Base base) {
		Object named = values.get(ALGORITHM);
		Algorithm algorithm = (named != null) ? Algorithm.valueOf(named.toString())
				: Objects.requireNonNull(base.algorithm(), "a configuration needs an algorithm");
		Map<String, Object> shared = Objects.requireNonNullElse(base.hyperparameters(), Map.of());
		Object weighting = values.containsKey(WEIGHTING) ? values.get(WEIGHTING) : shared.get(WEIGHTING);
		boolean thresholdUnread = Weighting.named(weighting).filter((chosen) -> !chosen.readsThreshold()).isPresent();
		Map<String, Object> used = new LinkedHashMap<>();
		values.forEach((name, value) -> {
			if (!name.equals(ALGORITHM) && algorithm.uses(name) && !(thresholdUnread && name.equals(THRESHOLD))) {
				used.put(name, value);
			}
		});
		return new Configuration(algorithm, used);
	}

	/**
	 * Its values as the API shows them: {@code algorithm} first.
	 * @return the algorithm's name and the hyperparameters
	 */
	Map<String, Object> values() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put(ALGORITHM, this.algorithm.name());
		values.putAll(this.hyperparameters);
		return values;
	}

	/**
	 * A short name for people, such as {@code SIMMIXMATCH lambdaSim=0.25}.
	 * @return the label
	 */
	String label() {
		String set = this.hyperparameters.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
		return set.isEmpty() ? this.algorithm.name() : this.algorithm.name() + " " + set;
	}

}
