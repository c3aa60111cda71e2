package io.simmixmatch.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import ai.djl.Device;
import io.simmixmatch.data.LoadedDataset;
import io.simmixmatch.data.SplitPlan;
import io.simmixmatch.database.DatabaseAvailability;
import io.simmixmatch.datasets.DatasetCatalog;
import io.simmixmatch.runs.RunAssignment;
import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.runs.RunStatus;
import io.simmixmatch.training.Devices;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.SemiSupervisedTraining;
import io.simmixmatch.training.TrainingListener;
import io.simmixmatch.training.TrainingOutcome;
import io.simmixmatch.training.TrainingSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/**
 * Trains one run at a time on this worker's device: resumes it from its LAST checkpoint
 * in the database if it has one, reports progress, epochs and checkpoints as they come,
 * and stops within a step when the run is cancelled or the worker shuts down.
 */
class RunTrainer {

	private static final Logger log = LoggerFactory.getLogger(RunTrainer.class);

	private final RunLedger ledger;

	private final DatasetCatalog datasets;

	private final WorkerIdentity identity;

	private final Path dataDirectory;

	private final Path workDirectory;

	private final WorkerProperties properties;

	private final WorkerMeters meters;

	private final DatabaseAvailability database;

	private final AtomicReference<ActiveRun> active = new AtomicReference<>();

	private volatile boolean shuttingDown;

	RunTrainer(RunLedger ledger, DatasetCatalog datasets, WorkerIdentity identity, Path dataDirectory,
			Path workDirectory, WorkerProperties properties, WorkerMeters meters, DatabaseAvailability database) {
		this.ledger = ledger;
		this.datasets = datasets;
		this.identity = identity;
		this.dataDirectory = dataDirectory;
		this.workDirectory = workDirectory;
		this.properties = properties;
		this.meters = meters;
		this.database = database;
	}

	/** How an execution of the queue entry ended. */
	enum Result {

		/** The run ended: it succeeded, was cancelled, or had already ended. */
		ENDED,

		/** The worker is stopping; the run goes back to the queue. */
		HANDED_BACK

	}

	Result train(long runId) {
		if (this.shuttingDown) {
			return Result.HANDED_BACK;
		}
		Optional<RunAssignment> assignment = this.ledger.start(runId, this.identity.name(),
				this.identity.deviceNames());
		if (assignment.isEmpty()) {
			log.info("Run {} has ended already; dropping it from the queue", runId);
			return Result.ENDED;
		}
		ActiveRun run = new ActiveRun(runId);
		this.active.set(run);
		try {
			return train(assignment.get(), run);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.active.set(null);
		}
	}

	/**
	 * A client asked a run to stop: if this worker trains it, its next step reports
	 * progress, and the ledger's answer stops it.
	 * @param runId the run
	 */
	void cancelRequested(long runId) {
		ActiveRun run = this.active.get();
		if (run != null && run.id() == runId) {
			run.reportSoon();
		}
	}

	/**
	 * Stops the current run after its current step and hands it back; starts no other.
	 */
	void shutDown() {
		this.shuttingDown = true;
	}

	Optional<Long> activeRun() {
		return Optional.ofNullable(this.active.get()).map(ActiveRun::id);
	}

	private Result train(RunAssignment assignment, ActiveRun run) throws IOException {
		long runId = assignment.runId();
		Files.createDirectories(this.workDirectory);
		Path directory = Files.createTempDirectory(this.workDirectory, "run-" + runId + "-");
		try {
			Path resume = this.ledger.fetchLastCheckpoint(runId, directory.resolve("resume.ckpt")).orElse(null);
			if (resume != null) {
				this.meters.resumed();
			}
			Hyperparameters hp = assignment.hyperparameters();
			// The same test split as the command line's, where the data set has none
			LoadedDataset dataset = this.datasets.load(assignment.datasetId(), this.dataDirectory,
					hp.splitPlan(SplitPlan.TEST_PER_CLASS));
			List<Device> devices = assignment.devices().stream().map(Devices::parse).toList();
			TrainingSetup setup = new TrainingSetup(assignment.algorithm(), hp, dataset.images(), dataset.split(),
					devices, directory);
			LedgerWrites writes = LedgerWrites.of(this.ledger, run, this.database, this.properties);
			TrainingReporter reporter = new TrainingReporter(writes, run, this.properties);
			TrainingOutcome outcome = new SemiSupervisedTraining(setup).train(resume,
					TrainingListener.all(reporter, this.meters.training()),
					() -> this.shuttingDown || run.isCancelled());
			if (outcome.completed() || run.isCancelled()) {
				RunStatus status = outcome.completed() ? RunStatus.SUCCEEDED : RunStatus.CANCELLED;
				writes.submit(new LedgerWrite.Finish(status, outcome.bestTest(), outcome.bestClasses()));
				writes.drain();
				return Result.ENDED;
			}
			writes.submit(new LedgerWrite.HandBack());
			writes.drain();
			log.info("Handed run {} back to the queue at step {}", runId, reporter.lastStep());
			return Result.HANDED_BACK;
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

}
