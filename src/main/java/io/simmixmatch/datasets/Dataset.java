package io.simmixmatch.datasets;

import java.time.Instant;
import java.util.List;

import io.simmixmatch.data.DatasetFormat;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

@Entity
class Dataset {

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

	@Column(insertable = false, updatable = false)
	private Instant createdAt;

	protected Dataset() {
	}

	String getId() {
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

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
