package io.simmixmatch.studies;

import java.util.List;
import java.util.Map;

import io.simmixmatch.studies.SeedStatistics.Paired;
import io.simmixmatch.studies.SeedStatistics.Summary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SeedStatisticsTest {

	@Test
	void summaryIsTheMeanAndTheSampleStandardDeviation() {
		// deviations -0.02333, 0.01667, 0.00667: squares sum to 8.6667e-4, over n - 1 = 2
		Summary summary = SeedStatistics.summary(List.of(0.80, 0.84, 0.83));

		assertThat(summary.n()).isEqualTo(3);
		assertThat(summary.mean()).isCloseTo(0.823333, within(1e-6));
		assertThat(summary.sd()).isCloseTo(Math.sqrt(8.6667e-4 / 2), within(1e-6));
	}

	@Test
	void oneValueHasNoSpreadAndNoneHasNoMean() {
		assertThat(SeedStatistics.summary(List.of(0.5))).isEqualTo(new Summary(1, 0.5, null));
		assertThat(SeedStatistics.summary(List.of())).isEqualTo(new Summary(0, null, null));
	}

	@Test
	void pairedComparisonMatchesTheHandComputedTTest() {
		// Differences 0.02, 0.04, 0.01 (seed 7 has no baseline and is left out): mean
		// 0.023333, variance 2.3333e-4, so t^2 = mean^2 * 3 / variance = 7 exactly. With
		// 2 degrees of freedom the two-sided p-value is 1 - t / sqrt(2 + t^2) = 1 -
		// sqrt(7) / 3,
		// and the interval is mean -+ t(0.975, 2) * sqrt(variance / 3), t(0.975, 2) =
		// 4.302653.
		Paired paired = SeedStatistics.paired(Map.of(0L, 0.80, 1L, 0.84, 2L, 0.83, 7L, 0.99),
				Map.of(0L, 0.78, 1L, 0.80, 2L, 0.82));

		double halfWidth = 4.302653 * Math.sqrt(2.3333333e-4 / 3);
		assertThat(paired.pairs()).isEqualTo(3);
		assertThat(paired.difference()).isCloseTo(0.0233333, within(1e-6));
		assertThat(paired.low()).isCloseTo(0.0233333 - halfWidth, within(1e-6));
		assertThat(paired.high()).isCloseTo(0.0233333 + halfWidth, within(1e-6));
		assertThat(paired.pValue()).isCloseTo(1 - Math.sqrt(7) / 3, within(1e-6));
	}

	@Test
	void equalDifferencesOnEverySeedHaveNoPValueAndFewerThanTwoPairsNoComparison() {
		Paired paired = SeedStatistics.paired(Map.of(0L, 0.6, 1L, 0.7), Map.of(0L, 0.5, 1L, 0.6));

		assertThat(paired.difference()).isCloseTo(0.1, within(1e-12));
		assertThat(paired.low()).isCloseTo(0.1, within(1e-12));
		assertThat(paired.high()).isCloseTo(0.1, within(1e-12));
		assertThat(paired.pValue()).isNull();
		assertThat(SeedStatistics.paired(Map.of(0L, 0.6, 1L, 0.7), Map.of(0L, 0.5))).isNull();
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(MedianStoppingRule.median(List.of(0.4, 0.1, 0.3))).isEqualTo(0.3);
		assertThat(MedianStoppingRule.median(List.of(0.4, 0.1, 0.3, 0.2))).isCloseTo(0.25, within(1e-12));
	}

}
