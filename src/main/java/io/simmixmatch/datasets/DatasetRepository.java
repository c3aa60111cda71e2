package io.simmixmatch.datasets;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface DatasetRepository extends JpaRepository<Dataset, String> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select d from Dataset d where d.id = ?1")
	Optional<Dataset> findByIdForUpdate(String id);

}
