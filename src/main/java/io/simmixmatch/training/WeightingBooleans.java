package io.simmixmatch.training;

import tools.jackson.databind.node.ObjectNode;

/**
 * FixMatch's weighting as versions before migration V23 wrote it: three booleans,
 * {@code softMatch} and {@code freeMatch} (which excluded each other) and
 * {@code flexMatch} (read only without them). Checkpoints and stored runs from then still
 * read; and until a later release drops the booleans (expand, then contract), stored runs
 * carry them beside {@code weighting}, so that a worker of the previous version that
 * claims a run during a rolling update trains it with the weighting it asked for.
 */
public final class WeightingBooleans {

	private static final String WEIGHTING = "weighting";

	private static final String FLEXMATCH = "flexMatch";

	private static final String SOFTMATCH = "softMatch";

	private static final String FREEMATCH = "freeMatch";

	private WeightingBooleans() {
	}

	/**
	 * Names the weighting that the booleans name, where hyperparameters have none.
	 * @param hyperparameters a JSON object of hyperparameters, changed in place
	 */
	public static void read(ObjectNode hyperparameters) {
		if (hyperparameters.has(WEIGHTING)) {
			return;
		}
		Weighting weighting = hyperparameters.path(SOFTMATCH).asBoolean() ? Weighting.SOFTMATCH
				: hyperparameters.path(FREEMATCH).asBoolean() ? Weighting.FREEMATCH
						: hyperparameters.path(FLEXMATCH).asBoolean() ? Weighting.FLEXMATCH : Weighting.THRESHOLD;
		hyperparameters.put(WEIGHTING, weighting.name());
	}

	/**
	 * Adds the booleans that name a weighting.
	 * @param hyperparameters a JSON object of hyperparameters, changed in place
	 * @param weighting their weighting
	 */
	public static void write(ObjectNode hyperparameters, Weighting weighting) {
		hyperparameters.put(FLEXMATCH, weighting == Weighting.FLEXMATCH);
		hyperparameters.put(SOFTMATCH, weighting == Weighting.SOFTMATCH);
		hyperparameters.put(FREEMATCH, weighting == Weighting.FREEMATCH);
	}

}
