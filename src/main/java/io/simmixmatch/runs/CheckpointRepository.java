package io.simmixmatch.runs;

import java.util.List;
import java.util.Optional;

import io.simmixmatch.training.CheckpointKind;

import org.springframework.data.jpa.repository.JpaRepository;

interface CheckpointRepository extends JpaRepository<Checkpoint, Long> {

	List<Checkpoint> findByRunIdOrderByEpochDescIdDesc(long runId);

	Optional<Checkpoint> findByRunIdAndKind(long runId, CheckpointKind kind);

}
