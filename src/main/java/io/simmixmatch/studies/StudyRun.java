package io.simmixmatch.studies;

import io.simmixmatch.database.AssignedIdEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** One run of a study: which study, and which of its configurations the run trains. */
@Entity
class StudyRun extends AssignedIdEntity<Long> {

	@Id
	private Long runId;

	private long studyId;

	private int configuration;

	protected StudyRun() {
	}

	StudyRun(long runId, long studyId, int configuration) {
		this.runId = runId;
		this.studyId = studyId;
		this.configuration = configuration;
	}

	@Override
	public Long getId() {
		return this.runId;
	}

	long getRunId() {
		return this.runId;
	}

	long getStudyId() {
		return this.studyId;
	}

	int getConfiguration() {
		return this.configuration;
	}

}
