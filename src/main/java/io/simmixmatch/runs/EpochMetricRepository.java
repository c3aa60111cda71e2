package io.simmixmatch.runs;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface EpochMetricRepository extends JpaRepository<EpochMetric, EpochMetric.Key> {

	@Query("select m from EpochMetric m where m.id.runId in :runIds order by m.id.runId, m.id.epoch")
	List<EpochMetric> findOfRuns(Collection<Long> runIds);

	@Query("""
			select m.valTop1 from EpochMetric m
			where m.id.runId in :runIds and m.id.epoch = :epoch and m.valTop1 is not null""")
	List<Double> validationTop1At(Collection<Long> runIds, int epoch);

}
