package io.simmixmatch.studies;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface StudyRunRepository extends JpaRepository<StudyRun, Long> {

	List<StudyRun> findByStudyIdOrderByRunId(long studyId);

}
