package io.simmixmatch.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class RunsOfStudies implements StudyRuns {

	private static final Logger log = LoggerFactory.getLogger(RunsOfStudies.class);

	private final RunService service;

	private final TrainingRunRepository runs;

	private final EpochMetricRepository metrics;

	RunsOfStudies(RunService service, TrainingRunRepository runs, EpochMetricRepository metrics) {
		this.service = service;
		this.runs = runs;
		this.metrics = metrics;
	}

	@Override
	public void launch(long studyId, List<StudyRun> runs, @Nullable String caller) {
		List<TrainingRun> checked = runs.stream().map((request) -> {
			TrainingRun run = this.service.checked(request.request(), caller);
			run.joinStudy(studyId, request.configuration());
			return run;
		}).toList();
		if (caller != null) {
			this.service.checkRoomForRuns(caller, checked.size());
		}
		checked.forEach(this.service::enqueue);
	}

	@Override
	@Transactional(readOnly = true)
	public List<RunResponse> of(long studyId) {
		return this.runs.findByStudyIdOrderById(studyId).stream().map(RunResponse::of).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, List<EpochMetricResponse>> curvesOf(long studyId) {
		Map<Long, List<EpochMetricResponse>> curves = new LinkedHashMap<>();
		this.runs.findIdsByStudyId(studyId).forEach((runId) -> curves.put(runId, new ArrayList<>()));
		this.metrics.findOfStudy(studyId)
			.forEach((metric) -> curves.get(metric.getRunId()).add(EpochMetricResponse.of(metric)));
		return curves;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<EpochMetricResponse> epochOf(long runId, int epoch) {
		return this.metrics.findById(new EpochMetric.Key(runId, epoch)).map(EpochMetricResponse::of);
	}

	@Override
	@Transactional(readOnly = true)
	public List<Double> validationTop1At(long studyId, int epoch, long exceptRunId) {
		return this.metrics.validationTop1OfStudyAt(studyId, epoch, exceptRunId);
	}

	@Override
	public boolean cancelAll(long studyId) {
		// By id, each read under its lock: workers change the runs meanwhile.
		boolean active = false;
		for (long runId : this.runs.findIdsByStudyId(studyId)) {
			active |= this.service.cancelUnlessEnded(runId);
		}
		return active;
	}

	@Override
	public void stopEarly(long runId, String reason) {
		this.runs.findForUpdateById(runId).filter((run) -> run.stopEarly(reason)).ifPresent((run) -> {
			log.info("Run {} stops early: {}", runId, reason);
			this.service.stopping(run);
		});
	}

	@Override
	@Transactional(readOnly = true)
	public @Nullable Long studyOf(long runId) {
		return this.runs.findById(runId).map(TrainingRun::getStudyId).orElse(null);
	}

}
