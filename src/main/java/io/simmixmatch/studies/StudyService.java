package io.simmixmatch.studies;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.simmixmatch.datasets.DatasetCatalog;
import io.simmixmatch.datasets.DatasetInfo;
import io.simmixmatch.runs.CreateRunRequest;
import io.simmixmatch.runs.EpochMetricResponse;
import io.simmixmatch.runs.RunCatalog;
import io.simmixmatch.runs.RunControl;
import io.simmixmatch.runs.RunResponse;
import io.simmixmatch.training.Preset;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import io.simmixmatch.web.PageResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Launches studies and answers for them. Every method is one short transaction. */
@Service
@Transactional
class StudyService {

	private static final Logger log = LoggerFactory.getLogger(StudyService.class);

	private static final int MAX_RUN_NAME = 200;

	private final StudyRepository studies;

	private final StudyRunRepository members;

	private final StudyPlanner planner;

	private final RunControl runs;

	private final RunCatalog catalog;

	private final DatasetCatalog datasets;

	private final Clock clock;

	StudyService(StudyRepository studies, StudyRunRepository members, StudyPlanner planner, RunControl runs,
			RunCatalog catalog, DatasetCatalog datasets, Clock clock) {
		this.datasets = datasets;
		this.studies = studies;
		this.members = members;
		this.planner = planner;
		this.runs = runs;
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * Plans a study and queues its runs: all of them, or nothing when one is refused.
	 * @param request the study
	 * @param caller who launches it, or null where authentication is off
	 * @return the study
	 */
	StudyResponse create(CreateStudyRequest sent, @Nullable String caller) {
		String datasetId = Objects.requireNonNullElse(sent.datasetId(), DatasetCatalog.BUILT_IN);
		// Checked before the study is written; whether it is READY, its runs check.
		DatasetInfo dataset = this.datasets.find(datasetId)
			.orElseThrow(() -> ApiProblems
				.invalidFields(List.of(new FieldError("datasetId", "no data set with id '" + datasetId + "'"))));
		CreateStudyRequest request = (sent.base().preset() != null) ? sent
				: sent.withPreset(Preset.forImages(dataset.channels(), dataset.imageHeight(), dataset.imageWidth()));
		StudyPlan plan = this.planner.plan(request);
		String name = Objects.requireNonNullElseGet(request.name(), () -> "study on " + datasetId).strip();
		Study study = this.studies.save(new Study(name, datasetId, request, plan, caller, this.clock.instant()));
		List<Launch> launches = new ArrayList<>();
		for (int index = 0; index < plan.configurations().size(); index++) {
			Configuration configuration = plan.configurations().get(index);
			for (long seed : request.seeds()) {
				String runName = name + " · " + configuration.label() + " · seed " + seed;
				launches.add(new Launch(index,
						new CreateRunRequest(runName.substring(0, Math.min(runName.length(), MAX_RUN_NAME)), datasetId,
								configuration.algorithm(), request.base().preset(), request.priority(), null,
								StudyPlanner.overridesOf(request, configuration, seed))));
			}
		}
		List<Long> runIds = this.runs.launch(launches.stream().map(Launch::request).toList(), caller);
		for (int i = 0; i < runIds.size(); i++) {
			this.members.save(new StudyRun(runIds.get(i), study.getId(), launches.get(i).configuration()));
		}
		log.info("Queued study {} ({}): {} configurations x {} seeds", study.getId(), name,
				plan.configurations().size(), request.seeds().size());
		return results(study);
	}

	@Transactional(readOnly = true)
	StudyResponse get(long id) {
		return results(find(id));
	}

	@Transactional(readOnly = true)
	PageResponse<StudyResponse> list(int page, int size) {
		return PageResponse.of(this.studies.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id")))
			.map(this::results));
	}

	@Transactional(readOnly = true)
	Map<Long, List<EpochMetricResponse>> curves(long id) {
		return this.catalog.curves(runIds(membersOf(find(id))));
	}

	/**
	 * Cancels the study's runs that have not ended: queued ones at once, running ones
	 * after their current step.
	 * @param id the study
	 * @return the study
	 */
	StudyResponse cancel(long id) {
		Study study = find(id);
		// The runs are read under their locks, never before: a worker's write in between
		// would make the locked read conflict with the earlier one.
		if (!this.runs.cancelAll(runIds(membersOf(study)))) {
			throw ApiProblems.conflict("Study " + id + " has ended; there is nothing to cancel");
		}
		study.requestCancel();
		this.studies.saveAndFlush(study);
		log.info("Cancellation of study {} requested", id);
		return results(study);
	}

	private StudyResponse results(Study study) {
		List<StudyRun> members = membersOf(study);
		Map<Long, RunResponse> runs = this.catalog.views(runIds(members))
			.stream()
			.collect(Collectors.toMap(RunResponse::id, Function.identity()));
		return StudyResults.of(study,
				members.stream()
					.map((member) -> new StudyResults.Member(member.getConfiguration(), runs.get(member.getRunId())))
					.toList());
	}

	private List<StudyRun> membersOf(Study study) {
		return this.members.findByStudyIdOrderByRunId(study.getId());
	}

	private static List<Long> runIds(List<StudyRun> members) {
		return members.stream().map(StudyRun::getRunId).toList();
	}

	private Study find(long id) {
		return this.studies.findById(id).orElseThrow(() -> ApiProblems.notFound("study", id));
	}

	private record Launch(int configuration, CreateRunRequest request) {
	}

}
