package io.simmixmatch.studies;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.simmixmatch.runs.RunEvent;
import io.simmixmatch.runs.RunCatalog;
import io.simmixmatch.runs.RunControl;
import io.simmixmatch.studies.CreateStudyRequest.MedianStopping;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The median-stopping rule of a study: after its grace epochs, a run whose validation
 * top-1 at an epoch is below the median of the study's other runs at that epoch is
 * stopped, once enough of them have reached it. It runs where the epoch is recorded,
 * inside that transaction.
 */
@Component
class MedianStoppingRule {

	static final int DEFAULT_GRACE_EPOCHS = 1;

	static final int DEFAULT_MIN_RUNS = 3;

	private final StudyRepository studies;

	private final StudyRunRepository members;

	private final RunCatalog catalog;

	private final RunControl runs;

	MedianStoppingRule(StudyRepository studies, StudyRunRepository members, RunCatalog catalog, RunControl runs) {
		this.studies = studies;
		this.members = members;
		this.catalog = catalog;
		this.runs = runs;
	}

	@EventListener
	void onEpoch(RunEvent.EpochRecorded recorded) {
		StudyRun member = this.members.findById(recorded.runId()).orElse(null);
		if (member == null) {
			return;
		}
		long studyId = member.getStudyId();
		MedianStopping rule = this.studies.findById(studyId)
			.map((study) -> study.getRequest().medianStopping())
			.orElse(null);
		int grace = (rule != null) ? Objects.requireNonNullElse(rule.graceEpochs(), DEFAULT_GRACE_EPOCHS) : 0;
		if (rule == null || recorded.validationTop1() == null || recorded.epoch() <= grace) {
			return;
		}
		List<Long> otherRuns = this.members.findByStudyIdOrderByRunId(studyId)
			.stream()
			.map(StudyRun::getRunId)
			.filter((runId) -> runId != recorded.runId())
			.toList();
		List<Double> others = this.catalog.validationTop1At(otherRuns, recorded.epoch());
		if (others.size() < Objects.requireNonNullElse(rule.minRuns(), DEFAULT_MIN_RUNS)) {
			return;
		}
		double median = median(others);
		if (recorded.validationTop1() < median) {
			this.runs.stopEarly(recorded.runId(), String.format(Locale.ROOT,
					"the study's median rule at epoch %d: validation top-1 %.4f is below the median %.4f of %d other runs",
					recorded.epoch(), recorded.validationTop1(), median, others.size()));
		}
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
