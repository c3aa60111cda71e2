package io.simmixmatch.runs;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface CheckpointRepository extends JpaRepository<Checkpoint, Long> {

	List<Checkpoint> findByRunIdOrderByEpochDescIdDesc(long runId);

}
