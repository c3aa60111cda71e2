package io.simmixmatch.training;

import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * How FixMatch weighs the pseudo-label of each weak view: one of four rules from the
 * FixMatch family, so that a study can compare them along one axis.
 */
public enum Weighting {

	/**
	 * FixMatch's: 1 where the prediction's confidence reaches {@code threshold}, else 0.
	 */
	THRESHOLD(true),

	/**
	 * FlexMatch's curriculum: each class's threshold is lowered by how few confident
	 * predictions it has had so far, and rises to {@code threshold} as it is learned.
	 */
	FLEXMATCH(true),

	/**
	 * FreeMatch's self-adaptive thresholds, which follow the model's mean confidence and
	 * class distribution instead of a fixed {@code threshold}.
	 */
	FREEMATCH(false),

	/**
	 * SoftMatch's: every pseudo-label counts, by a truncated Gaussian of its confidence,
	 * instead of some being dropped by a threshold.
	 */
	SOFTMATCH(false);

	private final boolean readsThreshold;

	Weighting(boolean readsThreshold) {
		this.readsThreshold = readsThreshold;
	}

	/**
	 * The weighting a value names, in any case, as clients may write it.
	 * @param value a name, or anything else
	 * @return the weighting, or none where the value names none
	 */
	public static Optional<Weighting> named(@Nullable Object value) {
		return Arrays.stream(values())
			.filter((weighting) -> weighting.name().equalsIgnoreCase(String.valueOf(value)))
			.findFirst();
	}

	/**
	 * Whether the hyperparameter {@code threshold} shapes this weighting.
	 * @return true for FixMatch's and FlexMatch's
	 */
	public boolean readsThreshold() {
		return this.readsThreshold;
	}

}
