package io.simmixmatch.runs;

import java.time.Instant;

import io.simmixmatch.training.CheckpointKind;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.jspecify.annotations.Nullable;

/**
 * What describes a stored checkpoint of a run; its bytes are in the blob store, under
 * {@code blobKey}.
 */
@Entity
class Checkpoint {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long runId;

	@Enumerated(EnumType.STRING)
	private CheckpointKind kind;

	private int epoch;

	private long step;

	private @Nullable Double valTop1;

	private @Nullable Double valTop5;

	private long sizeBytes;

	private String sha256;

	private String blobKey;

	private Instant createdAt;

	protected Checkpoint() {
	}

	Checkpoint(long runId, CheckpointKind kind, int epoch, long step, @Nullable Double valTop1,
			@Nullable Double valTop5, long sizeBytes, String sha256, String blobKey, Instant createdAt) {
		this.runId = runId;
		this.kind = kind;
		this.epoch = epoch;
		this.step = step;
		this.valTop1 = valTop1;
		this.valTop5 = valTop5;
		this.sizeBytes = sizeBytes;
		this.sha256 = sha256;
		this.blobKey = blobKey;
		this.createdAt = createdAt;
	}

	Long getId() {
		return this.id;
	}

	long getRunId() {
		return this.runId;
	}

	CheckpointKind getKind() {
		return this.kind;
	}

	int getEpoch() {
		return this.epoch;
	}

	long getStep() {
		return this.step;
	}

	@Nullable Double getValTop1() {
		return this.valTop1;
	}

	@Nullable Double getValTop5() {
		return this.valTop5;
	}

	long getSizeBytes() {
		return this.sizeBytes;
	}

	String getSha256() {
		return this.sha256;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
