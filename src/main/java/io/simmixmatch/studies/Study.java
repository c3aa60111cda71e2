package io.simmixmatch.studies;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A study: its request and the configurations planned from it; {@link StudyRun} lists its
 * runs.
 */
@Entity
class Study {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String datasetId;

	@Enumerated(EnumType.STRING)
	private StudyStrategy strategy;

	@Convert(converter = StudyRequestJsonConverter.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private CreateStudyRequest request;

	@Convert(converter = ConfigurationsJsonConverter.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private List<Map<String, Object>> configurations;

	private @Nullable Integer baseline;

	private boolean cancelRequested;

	private @Nullable String createdBy;

	private Instant createdAt;

	protected Study() {
	}

	Study(String name, String datasetId, CreateStudyRequest request, StudyPlan plan, @Nullable String createdBy,
			Instant now) {
		this.name = name;
		this.datasetId = datasetId;
		this.strategy = plan.strategy();
		this.request = request;
		this.configurations = plan.configurations().stream().map(Configuration::values).toList();
		this.baseline = plan.baseline();
		this.createdBy = createdBy;
		this.createdAt = now;
	}

	void requestCancel() {
		this.cancelRequested = true;
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

	StudyStrategy getStrategy() {
		return this.strategy;
	}

	CreateStudyRequest getRequest() {
		return this.request;
	}

	List<Configuration> getConfigurations() {
		return this.configurations.stream().map((values) -> Configuration.of(values, this.request.base())).toList();
	}

	@Nullable Integer getBaseline() {
		return this.baseline;
	}

	boolean isCancelRequested() {
		return this.cancelRequested;
	}

	@Nullable String getCreatedBy() {
		return this.createdBy;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
