package io.simmixmatch.datasets;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface DatasetRepository extends JpaRepository<Dataset, String> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select d from Dataset d where d.id = ?1")
	Optional<Dataset> findByIdForUpdate(String id);

	/**
	 * The imports that have not reported progress for a while, by the database's clock,
	 * which stamps their progress; locked, skipping those another instance is failing.
	 * @param seconds how long without progress
	 * @return them
	 */
	@Query(value = """
			select * from dataset where status = 'IMPORTING' and updated_at < now() - make_interval(secs => ?1)
			for update skip locked""", nativeQuery = true)
	List<Dataset> findSilentImportsForUpdate(double seconds);

}
