package io.simmixmatch.studies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.simmixmatch.studies.CreateStudyRequest.Base;
import io.simmixmatch.studies.CreateStudyRequest.Range;
import io.simmixmatch.studies.CreateStudyRequest.RandomSearch;
import io.simmixmatch.training.Algorithm;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StudyPlanTest {

	@Test
	void aGridIsTheCrossProductLessWhatEachAlgorithmIgnores() {
		Map<String, List<Object>> grid = new LinkedHashMap<>();
		grid.put("algorithm", List.of("SUPERVISED", "MIXMATCH", "SIMMIXMATCH"));
		grid.put("lambdaSim", List.of(0.25, 1.0));
		grid.put("epochs", List.of(2));

		List<Configuration> configurations = StudyPlanner.gridOf(grid, base(null));

		// SUPERVISED and MIXMATCH ignore lambdaSim: one configuration each, not two
		assertThat(configurations).extracting(Configuration::label)
			.containsExactly("SUPERVISED epochs=2", "MIXMATCH epochs=2", "SIMMIXMATCH lambdaSim=0.25 epochs=2",
					"SIMMIXMATCH lambdaSim=1.0 epochs=2");
		assertThat(configurations.get(2).values()).containsExactly(Map.entry("algorithm", "SIMMIXMATCH"),
				Map.entry("lambdaSim", 0.25), Map.entry("epochs", 2));
	}

	@Test
	void aWeightingWithoutThresholdRunsOnceInAGridOverFixMatchsThreshold() {
		Map<String, List<Object>> grid = new LinkedHashMap<>();
		grid.put("weighting", List.of("THRESHOLD", "FLEXMATCH", "FREEMATCH", "softmatch"));
		grid.put("threshold", List.of(0.9, 0.95));

		List<Configuration> configurations = StudyPlanner.gridOf(grid, base(Algorithm.FIXMATCH));

		assertThat(configurations).extracting(Configuration::label)
			.containsExactly("FIXMATCH weighting=THRESHOLD threshold=0.9",
					"FIXMATCH weighting=THRESHOLD threshold=0.95", "FIXMATCH weighting=FLEXMATCH threshold=0.9",
					"FIXMATCH weighting=FLEXMATCH threshold=0.95", "FIXMATCH weighting=FREEMATCH",
					"FIXMATCH weighting=softmatch");
	}

	@Test
	void aBaseWeightingWithoutThresholdRunsOnceInAGridOverFixMatchsThreshold() {
		Base freeMatch = new Base(Algorithm.FIXMATCH, null, Map.of("weighting", "FREEMATCH"));

		List<Configuration> configurations = StudyPlanner.gridOf(Map.of("threshold", List.of(0.9, 0.95)), freeMatch);

		assertThat(configurations).extracting(Configuration::label).containsExactly("FIXMATCH");
	}

	@Test
	void aGridWithoutAlgorithmUsesTheBaseOne() {
		List<Configuration> configurations = StudyPlanner.gridOf(Map.of("lambdaU", List.of(10, 75)),
				base(Algorithm.MIXMATCH));

		assertThat(configurations).extracting(Configuration::label)
			.containsExactly("MIXMATCH lambdaU=10", "MIXMATCH lambdaU=75");
	}

	@Test
	void algorithmsUseTheHyperparametersOfTheirOwnAndEarlierTerms() {
		assertThat(Algorithm.SUPERVISED.uses("learningRate")).isTrue();
		assertThat(Algorithm.SUPERVISED.uses("lambdaU")).isFalse();
		assertThat(Algorithm.SUPERVISED.uses("lambdaSim")).isFalse();
		assertThat(Algorithm.MIXMATCH.uses("lambdaU")).isTrue();
		assertThat(Algorithm.MIXMATCH.uses("contrastiveTemperature")).isFalse();
		assertThat(Algorithm.SIMMIXMATCH.uses("lambdaSim")).isTrue();
		assertThat(Algorithm.SIMMIXMATCH.uses("k")).isTrue();
	}

	@Test
	void aRandomSearchDrawsWithinItsRangesAndTheSameSeedDrawsTheSame() {
		Map<String, Range> ranges = new LinkedHashMap<>();
		ranges.put("lambdaSim", new Range(null, 0.01, 1.0, true));
		ranges.put("rampupEpochs", new Range(null, 2, 5, null));
		ranges.put("contrastiveTemperature", new Range(List.of(0.2, 0.5), null, null, null));
		RandomSearch search = new RandomSearch(20, 7L, ranges);

		List<Configuration> drawn = StudyPlanner.drawn(search, base(Algorithm.SIMMIXMATCH));

		assertThat(drawn).hasSizeBetween(2, 20).isEqualTo(StudyPlanner.drawn(search, base(Algorithm.SIMMIXMATCH)));
		assertThat(drawn)
			.isNotEqualTo(StudyPlanner.drawn(new RandomSearch(20, 8L, ranges), base(Algorithm.SIMMIXMATCH)));
		assertThat(drawn).allSatisfy((configuration) -> {
			assertThat((double) configuration.hyperparameters().get("lambdaSim")).isBetween(0.01, 1.0);
			assertThat((int) configuration.hyperparameters().get("rampupEpochs")).isBetween(2, 5);
			assertThat(configuration.hyperparameters().get("contrastiveTemperature")).isIn(0.2, 0.5);
		});
		// log-uniform on [0.01, 1]: about half the draws below 0.1
		assertThat(drawn.stream().filter((c) -> (double) c.hyperparameters().get("lambdaSim") < 0.1).count())
			.isBetween(4L, 16L);
		assertThat(drawn.stream().map((c) -> c.hyperparameters().get("rampupEpochs")).distinct().count()).isEqualTo(4);
	}

	private static Base base(@Nullable Algorithm algorithm) {
		return new Base(algorithm, null, null);
	}

}
