package io.simmixmatch.runs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.simmixmatch.data.ImageSet;
import io.simmixmatch.data.SplitPlan;
import io.simmixmatch.database.AdvisoryLocks;
import io.simmixmatch.datasets.DatasetCatalog;
import io.simmixmatch.datasets.DatasetInfo;
import io.simmixmatch.datasets.DatasetStatus;
import io.simmixmatch.runs.TrainingTimes.TrainingTime;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.InvalidHyperparametersException;
import io.simmixmatch.training.Preset;
import io.simmixmatch.training.StepMemory;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Launches runs and stops them; {@link RunQueries} answers for them. Every method is one
 * short transaction.
 */
@Service
@Transactional
class RunService implements RunControl {

	private static final Logger log = LoggerFactory.getLogger(RunService.class);

	private static final Duration ACTIVE_RUNS_RETRY_AFTER = Duration.ofMinutes(1);

	private final TrainingRunRepository runs;

	private final DatasetCatalog datasets;

	private final HyperparameterResolver hyperparameters;

	private final RunLimits limits;

	private final RunEvents events;

	private final JdbcTemplate jdbc;

	private final WorkerCapacity capacity;

	private final TrainingTimes times;

	private final Clock clock;

	RunService(TrainingRunRepository runs, DatasetCatalog datasets, HyperparameterResolver hyperparameters,
			RunLimits limits, RunEvents events, JdbcTemplate jdbc, WorkerCapacity capacity, TrainingTimes times,
			Clock clock) {
		this.capacity = capacity;
		this.times = times;
		this.jdbc = jdbc;
		this.runs = runs;
		this.datasets = datasets;
		this.hyperparameters = hyperparameters;
		this.limits = limits;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Queues a run.
	 * @param request what to train
	 * @param caller who launches it, or null where authentication is off
	 * @return the queued run
	 */
	RunResponse create(CreateRunRequest request, @Nullable String caller) {
		return RunResponse.of(queue(List.of(request), caller).get(0));
	}

	@Override
	public List<Long> launch(List<CreateRunRequest> requests, @Nullable String caller) {
		return queue(requests, caller).stream().map(TrainingRun::getId).toList();
	}

	// Every request is checked before any run is saved: all of them are queued, or none.
	private List<TrainingRun> queue(List<CreateRunRequest> requests, @Nullable String caller) {
		List<TrainingRun> checked = requests.stream().map((request) -> checked(request, caller)).toList();
		if (caller != null) {
			checkRoomForRuns(caller, checked.size());
		}
		return checked.stream().map(this::enqueue).toList();
	}

	// The run a request asks for, not saved yet: checked against the data set, the limits
	// and the workers.
	private TrainingRun checked(CreateRunRequest request, @Nullable String caller) {
		String datasetId = Objects.requireNonNullElse(request.datasetId(), DatasetCatalog.BUILT_IN);
		DatasetInfo dataset = trainableDataset(datasetId);
		Preset preset = Objects.requireNonNullElseGet(request.preset(),
				() -> Preset.forImages(dataset.channels(), dataset.imageHeight(), dataset.imageWidth()));
		Algorithm algorithm = Objects.requireNonNullElse(request.algorithm(), preset.algorithm());
		Map<String, Object> overrides = Objects.requireNonNullElse(request.hyperparameters(), Map.of());
		if (dataset.splitByLayout()) {
			refuseSplitOverrides(datasetId, overrides);
		}
		Hyperparameters resolved = resolve(preset, overrides, algorithm);
		if (!dataset.splitByLayout()) {
			checkSplitFits(dataset, resolved);
		}
		String name = Objects.requireNonNullElseGet(request.name(),
				() -> algorithm.name().toLowerCase() + " on " + datasetId);
		int priority = Objects.requireNonNullElse(request.priority(), 0);
		int devices = Objects.requireNonNullElse(request.devices(), 1);
		Optional<TrainingTime> time = this.times.estimate(resolved, algorithm, dataset, devices);
		List<FieldError> beyondLimits = this.limits.check(resolved, algorithm, time);
		if (!beyondLimits.isEmpty()) {
			throw ApiProblems.invalidFields(beyondLimits);
		}
		checkStepFitsAWorker(resolved, algorithm, dataset);
		if (resolved.batchSize() < devices) {
			throw ApiProblems
				.invalidFields(List.of(new FieldError("devices", "must not exceed hyperparameters.batchSize ("
						+ resolved.batchSize() + "): each device needs images")));
		}
		TrainingRun run = new TrainingRun(name.strip(), datasetId, dataset.splitByLayout(), algorithm, preset, resolved,
				priority, devices, caller, now());
		time.ifPresent(run::estimate);
		return run;
	}

	private TrainingRun enqueue(TrainingRun run) {
		TrainingRun saved = this.runs.save(run);
		this.events.publish(new RunEvent.Queued(saved.getId(), saved.getPriority()));
		log.info("Queued run {} ({}, {} on {})", saved.getId(), saved.getName(), saved.getAlgorithm(),
				saved.getDatasetId());
		return saved;
	}

	private Hyperparameters resolve(Preset preset, Map<String, Object> overrides, Algorithm algorithm) {
		try {
			return this.hyperparameters.resolve(preset, overrides, algorithm);
		}
		catch (InvalidHyperparametersException ex) {
			throw ApiProblems
				.invalidFields(
						ex.violations()
							.stream()
							.map((violation) -> new FieldError(violation.name().isEmpty() ? "hyperparameters"
									: "hyperparameters." + violation.name(), violation.message()))
							.toList());
		}
	}

	// Without a known worker (none started yet, or all elsewhere and silent) nothing is
	// refused: the estimate only stops runs that cannot fit any worker there is.
	private void checkStepFitsAWorker(Hyperparameters hp, Algorithm algorithm, DatasetInfo dataset) {
		long needed = StepMemory.bytes(hp, algorithm, dataset.imageHeight(), dataset.imageWidth());
		OptionalLong largest = this.capacity.largestMemory();
		if (largest.isPresent() && needed > largest.getAsLong()) {
			throw ApiProblems.invalidFields(List.of(new FieldError("hyperparameters",
					"a step would need about " + gib(needed) + " GiB (" + hp.imagesHeldPerStepTerms(algorithm)
							+ " images of " + dataset.imageHeight() + " x " + dataset.imageWidth() + " on " + hp.model()
							+ "); the largest worker has " + gib(largest.getAsLong())
							+ " GiB: lower batchSize or unlabeledRatio (or k, MixMatch's views)")));
		}
	}

	private static String gib(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
	}

	private DatasetInfo trainableDataset(String datasetId) {
		DatasetInfo dataset = this.datasets.findForLaunch(datasetId)
			.orElseThrow(() -> ApiProblems
				.invalidFields(List.of(new FieldError("datasetId", "no data set with id '" + datasetId + "'"))));
		if (dataset.status() != DatasetStatus.READY) {
			throw ApiProblems.invalidFields(List.of(new FieldError("datasetId",
					"data set '" + datasetId + "' is " + dataset.status() + "; runs need a READY one")));
		}
		if (dataset.decodedBytes() > ImageSet.MAX_BYTES) {
			throw ApiProblems.invalidFields(List.of(new FieldError("datasetId",
					("data set '%s' holds %d MiB of "
							+ "decoded images; a worker trains on at most %d MiB (import it at a smaller imageSize)")
						.formatted(datasetId, dataset.decodedBytes() >> 20, ImageSet.MAX_BYTES >> 20))));
		}
		return dataset;
	}

	// Refused at launch rather than failed (and retried) by a worker.
	private static void checkSplitFits(DatasetInfo dataset, Hyperparameters hp) {
		int needed = dataset.imagesPerClassFor(hp.labelsPerClass(), hp.validationPerClass());
		if (dataset.smallestClass() != null && needed > dataset.smallestClass()) {
			String test = dataset.ownTestSplit() ? "" : " and " + SplitPlan.TEST_PER_CLASS + " test images";
			throw ApiProblems.invalidFields(List.of(new FieldError("hyperparameters.labelsPerClass",
					"%d labeled and %d validation images per class%s need %d images per class; data set '%s' has %d in its smallest class"
						.formatted(hp.labelsPerClass(), hp.validationPerClass(), test, needed, dataset.id(),
								dataset.smallestClass()))));
		}
	}

	// An uploaded data set's split is its layout: split hyperparameters would be ignored.
	private static void refuseSplitOverrides(String datasetId, Map<String, Object> overrides) {
		List<FieldError> errors = Hyperparameters.SPLIT.stream()
			.filter(overrides::containsKey)
			.map((name) -> new FieldError("hyperparameters." + name, "does not apply to data set '" + datasetId
					+ "': its split is its archive's layout (set validationPerClass and testPerClass at upload)"))
			.toList();
		if (!errors.isEmpty()) {
			throw ApiProblems.invalidFields(errors);
		}
	}

	// Launches of one caller take turns (a transaction-scoped advisory lock), so two at
	// once cannot both pass the bound.
	private void checkRoomForRuns(String caller, int launching) {
		AdvisoryLocks.lockForTransaction(this.jdbc, "launch " + caller);
		long active = this.runs.countByCreatedByAndStatusIn(caller, EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING));
		int most = this.limits.maxActiveRunsPerCaller();
		if (active + launching <= most) {
			return;
		}
		String detail = (launching == 1)
				? "%s already has %d runs queued or running, the most one caller may have; wait for one to end or cancel one."
					.formatted(caller, active)
				: "%s has %d runs queued or running; these %d more would make %d, past the %d one caller may have; wait for runs to end or cancel some."
					.formatted(caller, active, launching, active + launching, most);
		throw ApiProblems.tooManyRequests(detail, ACTIVE_RUNS_RETRY_AFTER);
	}

	RunResponse cancel(long id) {
		TrainingRun run = this.runs.findForUpdateById(id).orElseThrow(() -> ApiProblems.notFound("run", id));
		try {
			run.requestCancel(now());
		}
		catch (IllegalRunTransitionException ex) {
			throw ApiProblems.conflict(ex.getMessage());
		}
		log.info("Cancellation of run {} requested; it is now {}", id, run.getStatus());
		return RunResponse.of(stopping(run));
	}

	@Override
	public boolean cancelAll(List<Long> runIds) {
		// By id, each read under its lock: workers change the runs meanwhile.
		boolean active = false;
		for (long runId : runIds) {
			active |= cancelUnlessEnded(runId);
		}
		return active;
	}

	// Unless it has ended or is stopping already, as another client may have made it.
	private boolean cancelUnlessEnded(long id) {
		TrainingRun run = this.runs.findForUpdateById(id).orElse(null);
		if (run == null || run.getStatus().isTerminal()) {
			return false;
		}
		if (!run.isCancelRequested()) {
			run.requestCancel(now());
			stopping(run);
		}
		return true;
	}

	@Override
	public void stopEarly(long runId, String reason) {
		this.runs.findForUpdateById(runId).filter((run) -> run.stopEarly(reason)).ifPresent((run) -> {
			log.info("Run {} stops early: {}", runId, reason);
			stopping(run);
		});
	}

	/**
	 * Saves a run asked to stop and tells its worker and its event streams: a run that
	 * was not running has ended already.
	 * @param run a run just cancelled or flagged to stop
	 * @return the saved run
	 */
	private TrainingRun stopping(TrainingRun run) {
		TrainingRun saved = this.runs.saveAndFlush(run);
		this.events.publish(saved.getStatus().isTerminal() ? new RunEvent.Finished(saved.getId(), saved.getStatus())
				: new RunEvent.CancelRequested(saved.getId()));
		return saved;
	}

	private Instant now() {
		return this.clock.instant();
	}

}
