package io.simmixmatch.runs;

import java.util.Collection;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface TrainingRunRepository extends JpaRepository<TrainingRun, Long> {

	Page<TrainingRun> findByStatusIn(Collection<RunStatus> statuses, Pageable pageable);

}
