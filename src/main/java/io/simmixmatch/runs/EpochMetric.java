package io.simmixmatch.runs;

import java.time.Instant;

import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.EpochResult;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import org.jspecify.annotations.Nullable;

/** The losses and validation accuracy of one epoch of a run. */
@Entity
class EpochMetric {

	@EmbeddedId
	private Key id;

	private long step;

	private @Nullable Double learningRate;

	private @Nullable Double loss;

	@Column(name = "loss_x")
	private @Nullable Double lossX;

	@Column(name = "loss_u")
	private @Nullable Double lossU;

	private @Nullable Double lossSim;

	private @Nullable Double valTop1;

	private @Nullable Double valTop5;

	private @Nullable Double imagesPerSecond;

	private @Nullable Long durationMs;

	private Instant recordedAt;

	protected EpochMetric() {
	}

	EpochMetric(long runId, int epoch, long step, Losses losses, @Nullable Double valTop1, @Nullable Double valTop5,
			@Nullable Double imagesPerSecond, @Nullable Long durationMs, Instant recordedAt) {
		this.id = new Key(runId, epoch);
		this.step = step;
		this.learningRate = losses.learningRate();
		this.loss = losses.loss();
		this.lossX = losses.lossX();
		this.lossU = losses.lossU();
		this.lossSim = losses.lossSim();
		this.valTop1 = valTop1;
		this.valTop5 = valTop5;
		this.imagesPerSecond = imagesPerSecond;
		this.durationMs = durationMs;
		this.recordedAt = recordedAt;
	}

	/**
	 * The row of an epoch the training loop reports.
	 * @param runId the run
	 * @param algorithm its algorithm, which says which loss terms it has
	 * @param result the epoch
	 * @param now when it is recorded
	 * @return the row
	 */
	static EpochMetric of(long runId, Algorithm algorithm, EpochResult result, Instant now) {
		var terms = result.losses();
		boolean unlabeled = algorithm.consistency() != Algorithm.Consistency.NONE;
		Losses losses = new Losses(result.learningRate(), terms.total(), terms.supervised(),
				unlabeled ? terms.consistency() : null, algorithm.contrastive() ? terms.contrastive() : null);
		Accuracy validation = result.validation();
		return new EpochMetric(runId, result.epoch(), result.step(), losses,
				(validation != null) ? validation.top1() : null, (validation != null) ? validation.top5() : null,
				result.imagesPerSecond(), result.durationMillis(), now);
	}

	long getRunId() {
		return this.id.runId();
	}

	int getEpoch() {
		return this.id.epoch();
	}

	long getStep() {
		return this.step;
	}

	Losses getLosses() {
		return new Losses(this.learningRate, this.loss, this.lossX, this.lossU, this.lossSim);
	}

	@Nullable Double getValTop1() {
		return this.valTop1;
	}

	@Nullable Double getValTop5() {
		return this.valTop5;
	}

	@Nullable Double getImagesPerSecond() {
		return this.imagesPerSecond;
	}

	@Nullable Long getDurationMs() {
		return this.durationMs;
	}

	Instant getRecordedAt() {
		return this.recordedAt;
	}

	/** A run and one of its epochs. */
	@Embeddable
	record Key(long runId, int epoch) {
	}

	/**
	 * The mean training losses of an epoch and its learning rate; a term is null where
	 * the algorithm has no such loss.
	 */
	record Losses(@Nullable Double learningRate, @Nullable Double loss, @Nullable Double lossX, @Nullable Double lossU,
			@Nullable Double lossSim) {
	}

}
