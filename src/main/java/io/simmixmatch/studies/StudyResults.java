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
	 * @param runs its runs
	 * @return its table
	 */
	static StudyResponse of(Study study, List<RunResponse> runs) {
		List<RunResponse> succeeded = runs.stream().filter((run) -> run.status() == RunStatus.SUCCEEDED).toList();
		// A data set has a test split for all its runs or for none.
		String metric = (succeeded.isEmpty() || succeeded.stream().anyMatch((run) -> run.test() != null)) ? TEST
				: VALIDATION;
		List<Configuration> configurations = study.getConfigurations();
		Map<Long, Double> baselineTop1 = (study.getBaseline() != null)
				? top1BySeed(runsOf(runs, study.getBaseline()), metric) : Map.of();
		List<ConfigurationResult> results = new ArrayList<>();
		for (int index = 0; index < configurations.size(); index++) {
			List<RunResponse> own = runsOf(runs, index);
			List<RunResult> rows = own.stream().map((run) -> row(run, metric)).toList();
			boolean compared = study.getBaseline() != null && index != study.getBaseline();
			results.add(new ConfigurationResult(index, configurations.get(index).label(),
					configurations.get(index).values(), rows, summary(rows, RunResult::top1),
					summary(rows, RunResult::top5), summary(rows, RunResult::wallSeconds).mean(),
					summary(rows, RunResult::imagesPerSecond).mean(),
					compared ? SeedStatistics.paired(top1BySeed(own, metric), baselineTop1) : null));
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
				study.isCancelRequested(), request.seeds(), metric, request.medianStopping(), results,
				study.getBaseline(), best, study.getCreatedBy(), study.getCreatedAt());
	}

	private static List<RunResponse> runsOf(List<RunResponse> runs, int configuration) {
		return runs.stream()
			.filter((run) -> run.study() != null && run.study().configuration() == configuration)
			.toList();
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
		Double wallSeconds = (done && run.startedAt() != null && run.finishedAt() != null)
				? Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0 : null;
		return new RunResult(run.id(), run.hyperparameters().seed(), run.status(), top1, top5, wallSeconds,
				run.progress().imagesPerSecond(), run.stoppedEarly());
	}

	private static Summary summary(List<RunResult> rows, Function<RunResult, @Nullable Double> value) {
		return SeedStatistics.summary(rows.stream().map(value).filter(Objects::nonNull).toList());
	}

	private static Map<Long, Double> top1BySeed(List<RunResponse> runs, String metric) {
		Map<Long, Double> bySeed = new LinkedHashMap<>();
		runs.stream()
			.map((run) -> row(run, metric))
			.filter((row) -> row.top1() != null)
			.forEach((row) -> bySeed.put(row.seed(), row.top1()));
		return bySeed;
	}

}
