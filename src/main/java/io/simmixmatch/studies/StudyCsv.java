package io.simmixmatch.studies;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.simmixmatch.studies.SeedStatistics.Paired;
import io.simmixmatch.studies.StudyResponse.ConfigurationResult;
import org.jspecify.annotations.Nullable;

/** A study's table as CSV: one row per configuration. */
final class StudyCsv {

	static final String HEADER = "configuration,label,baseline,runs,succeeded,metric,top1_mean,top1_sd,top5_mean,top5_sd,"
			+ "balanced_accuracy_mean,balanced_accuracy_sd,wall_seconds_mean,images_per_second_mean,top1_difference,top1_difference_ci_low,"
			+ "top1_difference_ci_high,p_value";

	private StudyCsv() {
	}

	static String write(StudyResponse study) {
		return Stream.concat(Stream.of(HEADER), study.configurations().stream().map((row) -> row(study, row)))
			.collect(Collectors.joining("\n", "", "\n"));
	}

	private static String row(StudyResponse study, ConfigurationResult configuration) {
		Paired paired = configuration.againstBaseline();
		boolean baseline = study.baseline() != null && study.baseline() == configuration.index();
		return String.join(",", Integer.toString(configuration.index()), quoted(configuration.label()),
				Boolean.toString(baseline), Integer.toString(configuration.runs().size()),
				Integer.toString(configuration.top1().n()), study.metric(), number(configuration.top1().mean()),
				number(configuration.top1().sd()), number(configuration.top5().mean()),
				number(configuration.top5().sd()), number(configuration.balancedAccuracy().mean()),
				number(configuration.balancedAccuracy().sd()), number(configuration.wallSeconds()),
				number(configuration.imagesPerSecond()), number((paired != null) ? paired.difference() : null),
				number((paired != null) ? paired.low() : null), number((paired != null) ? paired.high() : null),
				number((paired != null) ? paired.pValue() : null));
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

	private static String number(@Nullable Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.6f", value) : "";
	}

}
