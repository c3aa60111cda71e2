package io.simmixmatch.runs;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface EpochMetricRepository extends JpaRepository<EpochMetric, EpochMetric.Key> {

	List<EpochMetric> findByIdRunIdOrderByIdEpoch(long runId);

	@Query("""
			select m from EpochMetric m, TrainingRun r
			where m.id.runId = r.id and r.studyId = :studyId order by m.id.runId, m.id.epoch""")
	List<EpochMetric> findOfStudy(long studyId);

	@Query("""
			select m.valTop1 from EpochMetric m, TrainingRun r
			where m.id.runId = r.id and r.studyId = :studyId and m.id.epoch = :epoch and r.id <> :exceptRunId
			  and m.valTop1 is not null""")
	List<Double> validationTop1OfStudyAt(long studyId, int epoch, long exceptRunId);

}
