package io.simmixmatch.studies;

import java.util.List;
import java.util.Map;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Preset;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A request for a study: the runs of every configuration the grid (or the random search)
 * makes from the base, once per seed.
 *
 * @param name a name for people; its runs are named after it
 * @param datasetId the data set every run trains on; defaults to the built-in
 * Fashion-MNIST
 * @param priority the queue priority of its runs; defaults to 0
 * @param base what every run starts from
 * @param grid values to try by name: {@code algorithm} or a hyperparameter; every
 * combination is one configuration
 * @param random a random search instead of a grid
 * @param seeds the seeds every configuration runs with
 * @param baseline values that pick the configuration the others are compared with
 * @param medianStopping stops a run whose validation accuracy falls below the median of
 * the study's other runs at the same epoch; off when absent
 */
record CreateStudyRequest(
		@Nullable @Size(min = 1, max = 120) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
		@Nullable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}",
				message = "must be a data set id: lowercase letters, digits and dashes") String datasetId,
		@Nullable @Min(-100) @Max(100) Integer priority, @NotNull @Valid Base base,
		@Schema(example = "{\"algorithm\": [\"SUPERVISED\", \"MIXMATCH\", \"SIMMIXMATCH\"], \"lambdaSim\": [0.25, 1.0]}") @Nullable Map<String, List<Object>> grid,
		@Nullable @Valid RandomSearch random, @NotEmpty @Size(max = 10) List<@NotNull Long> seeds,
		@Schema(example = "{\"algorithm\": \"SUPERVISED\"}") @Nullable Map<String, Object> baseline,
		@Nullable @Valid MedianStopping medianStopping) {

	/**
	 * The request with the base's preset set, as the study records it.
	 * @param preset the preset its runs start from
	 * @return the same request but for the preset
	 */
	CreateStudyRequest withPreset(Preset preset) {
		return new CreateStudyRequest(this.name, this.datasetId, this.priority,
				new Base(this.base.algorithm(), preset, this.base.hyperparameters()), this.grid, this.random,
				this.seeds, this.baseline, this.medianStopping);
	}

	/**
	 * What every run of the study starts from.
	 *
	 * @param algorithm the algorithm, unless the grid varies it
	 * @param preset the starting hyperparameters; defaults to the one made for the data
	 * set's images
	 * @param hyperparameters overrides of the preset every run shares
	 */
	record Base(@Nullable Algorithm algorithm, @Nullable Preset preset,
			@Schema(example = "{\"epochs\": 5, \"stepsPerEpoch\": 50}") @Nullable Map<String, Object> hyperparameters) {
	}

	/**
	 * A random search: {@code trials} configurations, each value drawn from its range.
	 *
	 * @param trials how many configurations to draw; equal draws count once
	 * @param seed the seed of the draws, so that a study can be repeated; defaults to 0
	 * @param ranges where each value is drawn from, by name
	 */
	record RandomSearch(@Min(1) @Max(100) int trials, @Nullable Long seed,
			@NotEmpty Map<String, @NotNull @Valid Range> ranges) {
	}

	/**
	 * Where a random search draws one value from: one of {@code values}, or uniformly
	 * between {@code min} and {@code max} (whole numbers when both bounds are whole;
	 * uniformly in their logarithm with {@code log}).
	 *
	 * @param values the values to pick from
	 * @param min the smallest value
	 * @param max the largest value
	 * @param log whether to draw uniformly in the logarithm, for scales such as learning
	 * rates
	 */
	record Range(@Nullable @Size(min = 1, max = 100) List<Object> values, @Nullable Number min, @Nullable Number max,
			@Nullable Boolean log) {

		boolean logarithmic() {
			return Boolean.TRUE.equals(this.log);
		}

	}

	/**
	 * The median-stopping rule.
	 *
	 * @param graceEpochs epochs a run trains before the rule applies to it; defaults to 1
	 * @param minRuns how many other runs must have reached the epoch; defaults to 3
	 */
	record MedianStopping(@Nullable @Min(0) @Max(10_000) Integer graceEpochs,
			@Nullable @Min(1) @Max(1_000) Integer minRuns) {
	}

}
