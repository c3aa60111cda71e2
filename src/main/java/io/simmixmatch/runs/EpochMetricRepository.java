package io.simmixmatch.runs;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface EpochMetricRepository extends JpaRepository<EpochMetric, EpochMetric.Key> {

	List<EpochMetric> findByIdRunIdOrderByIdEpoch(long runId);

}
