package io.simmixmatch.studies;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * One run of a study: which study, and which of its configurations the run trains. Its id
 * is the run's, so it says itself whether it is new (a merge would read it first).
 */
@Entity
class StudyRun implements Persistable<Long> {

	@Id
	private Long runId;

	private long studyId;

	private int configuration;

	@Transient
	private boolean inserting = true;

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

	@Override
	public boolean isNew() {
		return this.inserting;
	}

	@PostPersist
	@PostLoad
	void stored() {
		this.inserting = false;
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
