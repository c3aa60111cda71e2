package io.simmixmatch.studies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.simmixmatch.runs.RunResponse;
import io.simmixmatch.runs.RunStatus;
import io.simmixmatch.studies.SeedStatistics.Summary;
import io.simmixmatch.studies.StudyResponse.ConfigurationResult;
import io.simmixmatch.studies.StudyResponse.RunResult;
import io.simmixmatch.studies.StudyResponse.StudyStatus;
import org.jspecify.annotations.Nullable;

/** Aggregates a study's runs into its table. */
final class StudyResults {

	static final String TEST = "test";

	static final String VALIDATION = "validation";

	private StudyResults() {
	}

	/**
	 * The study as clients see it.
	 * @param study the study
	 * @param members its runs, in launch order
	 * @return its table
	 */
	static StudyResponse of(Study study, List<Member> members) {
		List<RunResponse> runs = members.stream().map(Member::run).toList();
		List<RunResponse> succeeded = runs.stream().filter((run) -> run.status() == RunStatus.SUCCEEDED).toList();
		// A data set has a test split for all its runs or for none.
		String metric = (succeeded.isEmpty() || succeeded.stream().anyMatch((run) -> run.test() != null)) ? TEST
				: VALIDATION;
		List<Configuration> configurations = study.getConfigurations();
		List<List<RunResult>> rows = new ArrayList<>();
		for (int index = 0; index < configurations.size(); index++) {
			rows.add(runsOf(members, index).stream().map((run) -> row(run, metric)).toList());
		}
		Integer baseline = study.getBaseline();
		Map<Long, Double> baselineTop1 = (baseline != null) ? top1BySeed(rows.get(baseline)) : Map.of();
		List<ConfigurationResult> results = new ArrayList<>();
		for (int index = 0; index < configurations.size(); index++) {
			List<RunResult> own = rows.get(index);
			boolean compared = baseline != null && index != baseline;
			results.add(new ConfigurationResult(index, configurations.get(index).label(),
					configurations.get(index).values(), own, summary(own, RunResult::top1),
					summary(own, RunResult::top5), summary(own, RunResult::balancedAccuracy),
					summary(own, RunResult::wallSeconds).mean(), summary(own, RunResult::imagesPerSecond).mean(),
					compared ? SeedStatistics.paired(top1BySeed(own), baselineTop1) : null));
		}
		Integer best = results.stream()
			.filter((result) -> result.top1().mean() != null)
			.max(Comparator.comparingDouble((ConfigurationResult result) -> result.top1().mean())
				.thenComparing(Comparator.comparingInt(ConfigurationResult::index).reversed()))
			.map(ConfigurationResult::index)
			.orElse(null);
		StudyStatus status = runs.stream().allMatch((run) -> run.status().isTerminal()) ? StudyStatus.ENDED
				: StudyStatus.ACTIVE;
		CreateStudyRequest request = study.getRequest();
		return new StudyResponse(study.getId(), study.getName(), study.getDatasetId(), study.getStrategy(), status,
				study.isCancelRequested(), request.seeds(), metric, request.medianStopping(), results, baseline, best,
				study.getCreatedBy(), study.getCreatedAt());
	}

	private static List<RunResponse> runsOf(List<Member> members, int configuration) {
		return members.stream().filter((member) -> member.configuration() == configuration).map(Member::run).toList();
	}

	private static RunResult row(RunResponse run, String metric) {
		boolean done = run.status() == RunStatus.SUCCEEDED;
		Double top1 = null;
		Double top5 = null;
		if (done && metric.equals(TEST) && run.test() != null) {
			top1 = run.test().top1();
			top5 = run.test().top5();
		}
		else if (done && metric.equals(VALIDATION)) {
			top1 = run.best().top1();
			top5 = run.best().top5();
		}
		Double balanced = (done && run.classes() != null) ? run.classes().balancedAccuracy() : null;
		Double wallSeconds = (done && run.startedAt() != null && run.finishedAt() != null)
				? Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0 : null;
		long seed = ((Number) run.hyperparameters().get("seed")).longValue();
		return new RunResult(run.id(), seed, run.status(), top1, top5, balanced, wallSeconds,
				run.progress().imagesPerSecond(), run.stoppedEarly());
	}

	private static Summary summary(List<RunResult> rows, Function<RunResult, @Nullable Double> value) {
		return SeedStatistics.summary(rows.stream().map(value).filter(Objects::nonNull).toList());
	}

	private static Map<Long, Double> top1BySeed(List<RunResult> rows) {
		Map<Long, Double> bySeed = new LinkedHashMap<>();
		rows.stream().filter((row) -> row.top1() != null).forEach((row) -> bySeed.put(row.seed(), row.top1()));
		return bySeed;
	}

	/**
	 * One run of a study.
	 *
	 * @param configuration the place of its configuration in the study, from 0
	 * @param run the run
	 */
	record Member(int configuration, RunResponse run) {
	}

}
