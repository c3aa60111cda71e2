package io.simmixmatch.runs;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

interface TrainingRunRepository extends JpaRepository<TrainingRun, Long> {

	Page<TrainingRun> findByStatusIn(Collection<RunStatus> statuses, Pageable pageable);

	long countByCreatedByAndStatusIn(String createdBy, Collection<RunStatus> statuses);

	List<TrainingRun> findByIdInOrderById(Collection<Long> ids);

	boolean existsByDatasetIdAndStatusIn(String datasetId, Collection<RunStatus> statuses);

	/**
	 * Reads a run to change it, holding its row lock ({@code FOR UPDATE}) until the
	 * transaction ends: the API and the run's worker change the same row, and each change
	 * must start from the other's last one rather than fail on the version check.
	 * @param id the run
	 * @return the run, locked
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<TrainingRun> findForUpdateById(long id);

}
