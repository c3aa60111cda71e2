package io.simmixmatch.datasets;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.simmixmatch.data.DatasetFormat;
import io.simmixmatch.data.DatasetImport;
import io.simmixmatch.database.AssignedIdEntity;
import io.simmixmatch.storage.StoredBlob;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A data set's row. An upload's id is its name's, chosen by the client, so a new one is
 * inserted, never merged: of two uploads under one name, the second insert fails instead
 * of overwriting the first.
 */
@Entity
class Dataset extends AssignedIdEntity<String> {

	@Id
	private String id;

	private String name;

	@Enumerated(EnumType.STRING)
	private DatasetFormat format;

	private @Nullable String location;

	@Convert(converter = StringListJsonConverter.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private List<String> classNames;

	private int imageChannels;

	private int imageHeight;

	private int imageWidth;

	private int trainSize;

	private int testSize;

	@Enumerated(EnumType.STRING)
	private DatasetStatus status;

	private @Nullable String error;

	private int imagesPlanned;

	@Column(insertable = false)
	private int imagesDecoded;

	private @Nullable Integer labeledCount;

	private @Nullable Integer validationCount;

	private @Nullable Integer unlabeledCount;

	@Convert(converter = IntegerListJsonConverter.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private @Nullable List<Integer> labeledPerClass;

	@Convert(converter = CountsJsonConverter.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private @Nullable Map<String, Integer> skipped;

	private @Nullable String blobKey;

	private @Nullable String blobSha256;

	private @Nullable Long blobSizeBytes;

	private @Nullable String createdBy;

	private @Nullable Integer smallestClass;

	private @Nullable Boolean ownTestSplit;

	@Column(updatable = false)
	private Instant createdAt;

	private Instant updatedAt;

	protected Dataset() {
	}

	/**
	 * An uploaded data set whose import has been planned.
	 * @param id its id
	 * @param name its name
	 * @param plan the scan's plan
	 * @param createdBy who uploaded it, or null where authentication is off
	 * @param now when
	 */
	Dataset(String id, String name, DatasetImport.Plan plan, @Nullable String createdBy, Instant now) {
		this.id = id;
		this.name = name;
		this.format = DatasetFormat.UPLOADED;
		this.classNames = plan.classNames();
		this.imageChannels = plan.channels();
		this.imageHeight = plan.side();
		this.imageWidth = plan.side();
		this.status = DatasetStatus.IMPORTING;
		this.imagesPlanned = plan.imageCount();
		this.skipped = plan.skipped();
		this.createdBy = createdBy;
		this.createdAt = now;
		this.updatedAt = now;
	}

	void ready(DatasetImport.Imported imported, StoredBlob blob, Instant now) {
		int[] perClass = imported.labeledPerClass();
		this.labeledCount = imported.split().labeled().length;
		this.validationCount = imported.split().validation().length;
		this.unlabeledCount = imported.split().unlabeled().length;
		this.testSize = imported.split().test().length;
		this.trainSize = imported.images() - this.testSize;
		this.imagesDecoded = imported.images();
		this.labeledPerClass = Arrays.stream(perClass).boxed().toList();
		this.skipped = imported.skipped();
		this.blobKey = blob.key();
		this.blobSha256 = blob.sha256();
		this.blobSizeBytes = blob.sizeBytes();
		this.status = DatasetStatus.READY;
		this.updatedAt = now;
	}

	void failed(String error, Instant now) {
		this.status = DatasetStatus.FAILED;
		this.error = error;
		this.updatedAt = now;
	}

	void deleted(Instant now) {
		this.status = DatasetStatus.DELETED;
		this.blobKey = null;
		this.blobSha256 = null;
		this.blobSizeBytes = null;
		this.updatedAt = now;
	}

	@Override
	public String getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	DatasetFormat getFormat() {
		return this.format;
	}

	@Nullable String getLocation() {
		return this.location;
	}

	List<String> getClassNames() {
		return this.classNames;
	}

	int getImageChannels() {
		return this.imageChannels;
	}

	int getImageHeight() {
		return this.imageHeight;
	}

	int getImageWidth() {
		return this.imageWidth;
	}

	int getTrainSize() {
		return this.trainSize;
	}

	int getTestSize() {
		return this.testSize;
	}

	DatasetStatus getStatus() {
		return this.status;
	}

	@Nullable String getError() {
		return this.error;
	}

	int getImagesPlanned() {
		return this.imagesPlanned;
	}

	int getImagesDecoded() {
		return this.imagesDecoded;
	}

	@Nullable Integer getLabeledCount() {
		return this.labeledCount;
	}

	@Nullable Integer getValidationCount() {
		return this.validationCount;
	}

	@Nullable Integer getUnlabeledCount() {
		return this.unlabeledCount;
	}

	@Nullable List<Integer> getLabeledPerClass() {
		return this.labeledPerClass;
	}

	@Nullable Map<String, Integer> getSkipped() {
		return this.skipped;
	}

	@Nullable StoredBlob getBlob() {
		return (this.blobKey != null && this.blobSha256 != null && this.blobSizeBytes != null)
				? new StoredBlob(this.blobKey, this.blobSizeBytes, this.blobSha256) : null;
	}

	@Nullable Integer getSmallestClass() {
		return this.smallestClass;
	}

	@Nullable Boolean getOwnTestSplit() {
		return this.ownTestSplit;
	}

	@Nullable String getCreatedBy() {
		return this.createdBy;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
