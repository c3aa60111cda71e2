package io.simmixmatch.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.simmixmatch.checkpoints.Checkpoints;
import io.simmixmatch.checkpoints.StoredCheckpoint;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.PageResponse;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Answers for runs: to clients through {@link RunController}, to other modules by id. */
@Service
@Transactional(readOnly = true)
class RunQueries implements RunCatalog {

	private final TrainingRunRepository runs;

	private final EpochMetricRepository metrics;

	private final Checkpoints checkpoints;

	RunQueries(TrainingRunRepository runs, EpochMetricRepository metrics, Checkpoints checkpoints) {
		this.runs = runs;
		this.metrics = metrics;
		this.checkpoints = checkpoints;
	}

	RunResponse get(long id) {
		return view(id).orElseThrow(() -> ApiProblems.notFound("run", id));
	}

	PageResponse<RunResponse> list(Set<RunStatus> statuses, int page, int size) {
		PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"));
		Page<TrainingRun> found = statuses.isEmpty() ? this.runs.findAll(request)
				: this.runs.findByStatusIn(statuses, request);
		return PageResponse.of(found.map(RunResponse::of));
	}

	List<EpochMetricResponse> metrics(long id) {
		checkExists(id);
		return curves(List.of(id)).get(id);
	}

	List<CheckpointResponse> checkpoints(long id) {
		checkExists(id);
		return this.checkpoints.ofRun(id).stream().map(CheckpointResponse::of).toList();
	}

	/**
	 * Writes a checkpoint of a run to a temporary file.
	 * @param id the run
	 * @param checkpointId the checkpoint
	 * @return the file; the caller deletes it
	 * @throws IOException if it cannot be written or its bytes are corrupt
	 */
	Path checkpointFile(long id, long checkpointId) throws IOException {
		StoredCheckpoint checkpoint = this.checkpoints.find(checkpointId)
			.filter((candidate) -> candidate.runId() == id)
			.orElseThrow(() -> ApiProblems.notFound("checkpoint", checkpointId));
		Path file = Files.createTempFile("checkpoint-", ".ckpt");
		this.checkpoints.download(checkpoint, file);
		return file;
	}

	@Override
	public Optional<RunResponse> view(long runId) {
		return this.runs.findById(runId).map(RunResponse::of);
	}

	@Override
	public List<RunResponse> views(Collection<Long> runIds) {
		return this.runs.findByIdInOrderById(runIds).stream().map(RunResponse::of).toList();
	}

	@Override
	public Map<Long, List<EpochMetricResponse>> curves(Collection<Long> runIds) {
		Map<Long, List<EpochMetricResponse>> curves = new TreeMap<>();
		runIds.forEach((runId) -> curves.put(runId, new ArrayList<>()));
		this.metrics.findOfRuns(runIds)
			.forEach((metric) -> curves.get(metric.getRunId()).add(EpochMetricResponse.of(metric)));
		return curves;
	}

	@Override
	public Optional<EpochMetricResponse> epoch(long runId, int epoch) {
		return this.metrics.findById(new EpochMetric.Key(runId, epoch)).map(EpochMetricResponse::of);
	}

	@Override
	public List<Double> validationTop1At(Collection<Long> runIds, int epoch) {
		return this.metrics.validationTop1At(runIds, epoch);
	}

	private void checkExists(long id) {
		if (!this.runs.existsById(id)) {
			throw ApiProblems.notFound("run", id);
		}
	}

}
