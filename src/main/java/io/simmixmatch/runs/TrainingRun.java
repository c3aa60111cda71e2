package io.simmixmatch.runs;

import java.time.Instant;

import io.simmixmatch.training.Algorithm;
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

	private @Nullable String error;

	private Instant createdAt;

	private @Nullable Instant startedAt;

	private @Nullable Instant finishedAt;

	@Version
	private long version;

	protected TrainingRun() {
	}

	TrainingRun(String name, String datasetId, Algorithm algorithm, Preset preset, Hyperparameters hyperparameters,
			int priority, Instant now) {
		this.name = name;
		this.datasetId = datasetId;
		this.algorithm = algorithm;
		this.preset = preset;
		this.hyperparameters = hyperparameters;
		this.priority = priority;
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

	@Nullable String getError() {
		return this.error;
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
