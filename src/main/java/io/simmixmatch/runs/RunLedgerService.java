package io.simmixmatch.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.simmixmatch.checkpoints.Checkpoints;
import io.simmixmatch.checkpoints.StoredCheckpoint;
import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.CheckpointWritten;
import io.simmixmatch.training.ClassResults;
import io.simmixmatch.training.EpochResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class RunLedgerService implements RunLedger {

	private static final Logger log = LoggerFactory.getLogger(RunLedgerService.class);

	private final TrainingRunRepository runs;

	private final EpochMetricRepository metrics;

	private final Checkpoints checkpoints;

	private final RunEvents events;

	private final Clock clock;

	RunLedgerService(TrainingRunRepository runs, EpochMetricRepository metrics, Checkpoints checkpoints,
			RunEvents events, Clock clock) {
		this.runs = runs;
		this.metrics = metrics;
		this.checkpoints = checkpoints;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public Optional<RunAssignment> start(long runId, String worker, List<String> devices) {
		TrainingRun run = find(runId);
		if (run.getStatus().isTerminal()) {
			return Optional.empty();
		}
		List<String> used = devices.subList(0, Math.min(run.getRequestedDevices(), devices.size()));
		run.start(worker, String.join("+", used), now());
		save(run, new RunEvent.Started(runId, worker));
		log.info("Run {} starts on {} ({}), attempt {}", runId, worker, used, run.getAttempts());
		return Optional.of(new RunAssignment(runId, run.getDatasetId(), run.getAlgorithm(), run.getHyperparameters(),
				run.getAttempts(), List.copyOf(used)));
	}

	@Override
	public boolean recordProgress(long runId, long step, long totalSteps, int epoch, double imagesPerSecond,
			long etaSeconds) {
		TrainingRun run = find(runId);
		run.recordProgress(step, totalSteps, epoch, imagesPerSecond, etaSeconds);
		save(run, new RunEvent.Progressed(runId, step, totalSteps));
		return run.isCancelRequested();
	}

	@Override
	public void recordEpoch(long runId, EpochResult epoch) {
		TrainingRun run = find(runId);
		run.recordEpoch(epoch);
		this.metrics.save(EpochMetric.of(runId, run.getAlgorithm(), epoch, now()));
		Double top1 = (epoch.validation() != null) ? epoch.validation().top1() : null;
		save(run, new RunEvent.EpochRecorded(runId, epoch.epoch(), top1));
	}

	@Override
	public void storeCheckpoint(long runId, CheckpointWritten checkpoint) throws IOException {
		this.checkpoints.store(runId, checkpoint);
		this.events.publish(new RunEvent.CheckpointStored(runId, checkpoint.kind()));
	}

	@Override
	public Optional<Path> fetchLastCheckpoint(long runId, Path file) throws IOException {
		Optional<StoredCheckpoint> last = this.checkpoints.find(runId, CheckpointKind.LAST);
		if (last.isEmpty()) {
			return Optional.empty();
		}
		this.checkpoints.download(last.get(), file);
		TrainingRun run = find(runId);
		run.resumeFrom(last.get().step());
		save(run, new RunEvent.Progressed(runId, run.getStep(), run.getTotalSteps()));
		return Optional.of(file);
	}

	@Override
	public void handBack(long runId, @Nullable String failure) {
		TrainingRun run = find(runId);
		if (run.getStatus() == RunStatus.RUNNING) {
			run.handBack(failure, now());
			save(run, new RunEvent.HandedBack(runId));
		}
	}

	@Override
	public int countKilledAttempt(long runId) {
		TrainingRun run = find(runId);
		int killed = run.countKilledAttempt();
		this.runs.saveAndFlush(run);
		return killed;
	}

	@Override
	public void finish(long runId, RunStatus outcome, @Nullable String error, @Nullable Accuracy test,
			@Nullable ClassResults classes) {
		TrainingRun run = find(runId);
		if (!run.getStatus().isTerminal()) {
			run.finish(outcome, error, test, classes, now());
			save(run, new RunEvent.Finished(runId, outcome));
			log.info("Run {} {}{}", runId, outcome, (error != null) ? ": " + error : "");
		}
	}

	private TrainingRun find(long runId) {
		return this.runs.findForUpdateById(runId).orElseThrow(() -> new IllegalStateException("No run " + runId));
	}

	private void save(TrainingRun run, RunEvent event) {
		this.runs.saveAndFlush(run);
		this.events.publish(event);
	}

	private Instant now() {
		return this.clock.instant();
	}

}
