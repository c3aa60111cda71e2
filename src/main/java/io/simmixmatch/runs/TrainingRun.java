package io.simmixmatch.runs;

import java.time.Instant;

import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.ClassResults;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.Preset;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A training run: what to train, and how far it got. */
@Entity
class TrainingRun {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String datasetId;

	@Enumerated(EnumType.STRING)
	private Algorithm algorithm;

	@Convert(converter = PresetNameConverter.class)
	private Preset preset;

	@Convert(converter = HyperparametersJsonConverter.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private Hyperparameters hyperparameters;

	@Enumerated(EnumType.STRING)
	private RunStatus status;

	private int priority;

	private boolean cancelRequested;

	private int epoch;

	private int totalEpochs;

	private long step;

	private long totalSteps;

	private @Nullable Double imagesPerSecond;

	private @Nullable Double bestTop1;

	private @Nullable Double bestTop5;

	private @Nullable Integer bestEpoch;

	private @Nullable Double testTop1;

	private @Nullable Double testTop5;

	@Convert(converter = ClassResultsJsonConverter.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private @Nullable ClassResults classResults;

	private boolean splitByLayout;

	private @Nullable String error;

	private @Nullable String worker;

	private @Nullable String devices;

	private int attempts;

	private int killedAttempts;

	private int requestedDevices;

	private @Nullable Long resumedFromStep;

	private @Nullable Long etaSeconds;

	private @Nullable Double estimatedSeconds;

	private @Nullable Double estimatedImagesPerSecond;

	private @Nullable Integer estimatedFromRuns;

	private Instant createdAt;

	private @Nullable Instant startedAt;

	private @Nullable Instant finishedAt;

	private @Nullable String createdBy;

	private @Nullable String stoppedEarly;

	@Version
	private long version;

	protected TrainingRun() {
	}

	TrainingRun(String name, String datasetId, boolean splitByLayout, Algorithm algorithm, Preset preset,
			Hyperparameters hyperparameters, int priority, int requestedDevices, @Nullable String createdBy,
			Instant now) {
		this.name = name;
		this.splitByLayout = splitByLayout;
		this.createdBy = createdBy;
		this.datasetId = datasetId;
		this.algorithm = algorithm;
		this.preset = preset;
		this.hyperparameters = hyperparameters;
		this.priority = priority;
		this.requestedDevices = requestedDevices;
		this.status = RunStatus.QUEUED;
		this.totalEpochs = hyperparameters.epochs();
		this.totalSteps = hyperparameters.totalSteps();
		this.createdAt = now;
	}

	/**
	 * Asks the run to stop. A queued run is cancelled at once; a running one is flagged,
	 * and its worker stops it after the current step.
	 * @param now the time of the request
	 * @throws IllegalRunTransitionException if the run has already ended
	 */
	void requestCancel(Instant now) {
		if (this.status == RunStatus.RUNNING) {
			this.cancelRequested = true;
		}
		else {
			transitionTo(RunStatus.CANCELLED, now);
		}
	}

	/**
	 * A worker starts the run, or starts it again after a failure or a hand-back; a run
	 * still RUNNING was left by a worker that died.
	 * @param worker the worker's name
	 * @param devices the devices it trains on
	 * @param now the time
	 */
	void start(String worker, String devices, Instant now) {
		if (this.status != RunStatus.RUNNING) {
			transitionTo(RunStatus.RUNNING, now);
		}
		this.worker = worker;
		this.devices = devices;
		this.attempts++;
		if (this.startedAt == null) {
			this.startedAt = now;
		}
	}

	/**
	 * Stops a running run for a caller's rule (a study's median rule): its worker stops
	 * it after the current step, as for a cancellation.
	 * @param reason why, for people
	 * @return whether the run was running and is now flagged
	 */
	boolean stopEarly(String reason) {
		if (this.status != RunStatus.RUNNING || this.cancelRequested) {
			return false;
		}
		this.cancelRequested = true;
		this.stoppedEarly = reason;
		return true;
	}

	/**
	 * Counts an attempt that ended with its worker process killed by SIGKILL.
	 * @return how many of the run's attempts ended that way
	 */
	int countKilledAttempt() {
		return ++this.killedAttempts;
	}

	void estimate(TrainingTimes.TrainingTime time) {
		this.estimatedSeconds = time.seconds();
		this.estimatedImagesPerSecond = time.imagesPerSecond();
		this.estimatedFromRuns = time.measuredRuns();
	}

	void resumeFrom(long step) {
		this.resumedFromStep = step;
	}

	void recordProgress(long step, long totalSteps, int epoch, double imagesPerSecond, long etaSeconds) {
		this.step = step;
		this.totalSteps = totalSteps;
		int stepsPerEpoch = this.hyperparameters.stepsPerEpoch();
		this.totalEpochs = (int) ((totalSteps + stepsPerEpoch - 1) / stepsPerEpoch);
		this.epoch = Math.max(this.epoch, epoch - 1);
		this.imagesPerSecond = imagesPerSecond;
		this.etaSeconds = etaSeconds;
	}

	void recordEpoch(EpochResult result) {
		this.epoch = result.epoch();
		this.step = result.step();
		if (result.best()) {
			this.bestTop1 = (result.validation() != null) ? result.validation().top1() : null;
			this.bestTop5 = (result.validation() != null) ? result.validation().top5() : null;
			this.bestEpoch = result.epoch();
		}
	}

	/**
	 * The worker gives the run back to the queue: it is stopping, or the attempt failed
	 * and will be retried.
	 * @param reason why the attempt failed, or null for a clean hand-back
	 * @param now the time
	 */
	void handBack(@Nullable String reason, Instant now) {
		transitionTo(RunStatus.QUEUED, now);
		this.etaSeconds = null;
		if (reason != null) {
			this.error = reason;
		}
	}

	/**
	 * Ends the run. A run that succeeds after a failed attempt keeps that attempt's
	 * error.
	 * @param outcome SUCCEEDED, FAILED or CANCELLED
	 * @param error why it failed, for FAILED
	 * @param test the test accuracy of its best checkpoint, if measured
	 * @param now the time
	 */
	void finish(RunStatus outcome, @Nullable String error, @Nullable Accuracy test, @Nullable ClassResults classes,
			Instant now) {
		transitionTo(outcome, now);
		this.etaSeconds = null;
		if (outcome == RunStatus.SUCCEEDED && this.hyperparameters.maxMinutes() > 0) {
			// The steps its time allowed, where the last progress report still guessed.
			this.totalSteps = this.step;
			this.totalEpochs = this.epoch;
		}
		if (error != null) {
			this.error = error;
		}
		if (test != null) {
			this.testTop1 = test.top1();
			this.testTop5 = test.top5();
		}
		this.classResults = classes;
	}

	private void transitionTo(RunStatus next, Instant now) {
		if (!this.status.canTransitionTo(next)) {
			throw new IllegalRunTransitionException(this.id, this.status, next);
		}
		this.status = next;
		if (next.isTerminal()) {
			this.finishedAt = now;
		}
	}

	Long getId() {
		return this.id;
	}

	@Nullable ClassResults getClassResults() {
		return this.classResults;
	}

	boolean isSplitByLayout() {
		return this.splitByLayout;
	}

	String getName() {
		return this.name;
	}

	String getDatasetId() {
		return this.datasetId;
	}

	Algorithm getAlgorithm() {
		return this.algorithm;
	}

	Preset getPreset() {
		return this.preset;
	}

	Hyperparameters getHyperparameters() {
		return this.hyperparameters;
	}

	RunStatus getStatus() {
		return this.status;
	}

	@Nullable String getCreatedBy() {
		return this.createdBy;
	}

	@Nullable String getStoppedEarly() {
		return this.stoppedEarly;
	}

	int getPriority() {
		return this.priority;
	}

	boolean isCancelRequested() {
		return this.cancelRequested;
	}

	int getEpoch() {
		return this.epoch;
	}

	int getTotalEpochs() {
		return this.totalEpochs;
	}

	long getStep() {
		return this.step;
	}

	long getTotalSteps() {
		return this.totalSteps;
	}

	@Nullable Double getImagesPerSecond() {
		return this.imagesPerSecond;
	}

	@Nullable Double getBestTop1() {
		return this.bestTop1;
	}

	@Nullable Double getBestTop5() {
		return this.bestTop5;
	}

	@Nullable Integer getBestEpoch() {
		return this.bestEpoch;
	}

	@Nullable Double getTestTop1() {
		return this.testTop1;
	}

	@Nullable Double getTestTop5() {
		return this.testTop5;
	}

	@Nullable String getError() {
		return this.error;
	}

	@Nullable String getWorker() {
		return this.worker;
	}

	@Nullable String getDevices() {
		return this.devices;
	}

	int getAttempts() {
		return this.attempts;
	}

	int getRequestedDevices() {
		return this.requestedDevices;
	}

	@Nullable Long getResumedFromStep() {
		return this.resumedFromStep;
	}

	@Nullable Long getEtaSeconds() {
		return this.etaSeconds;
	}

	@Nullable Double getEstimatedSeconds() {
		return this.estimatedSeconds;
	}

	@Nullable Double getEstimatedImagesPerSecond() {
		return this.estimatedImagesPerSecond;
	}

	@Nullable Integer getEstimatedFromRuns() {
		return this.estimatedFromRuns;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	@Nullable Instant getStartedAt() {
		return this.startedAt;
	}

	@Nullable Instant getFinishedAt() {
		return this.finishedAt;
	}

}
