package io.simmixmatch.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import io.simmixmatch.training.CheckpointKind;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class CheckpointArchiveService implements CheckpointArchive {

	private final CheckpointRepository checkpoints;

	private final CheckpointStore store;

	private final Clock clock;

	CheckpointArchiveService(CheckpointRepository checkpoints, CheckpointStore store, Clock clock) {
		this.checkpoints = checkpoints;
		this.store = store;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ArchivedCheckpoint> best(long runId) {
		return this.checkpoints.findByRunIdAndKind(runId, CheckpointKind.BEST).map(CheckpointArchiveService::archived);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ArchivedCheckpoint> find(long checkpointId) {
		return this.checkpoints.findById(checkpointId).map(CheckpointArchiveService::archived);
	}

	@Override
	public Optional<ArchivedCheckpoint> release(long runId) {
		return this.checkpoints.findByRunIdAndKind(runId, CheckpointKind.BEST)
			.map((best) -> this.store.copy(best.getId(), CheckpointKind.RELEASED, this.clock.instant()))
			.flatMap(this.checkpoints::findById)
			.map(CheckpointArchiveService::archived);
	}

	@Override
	@Transactional(readOnly = true)
	public void download(ArchivedCheckpoint checkpoint, Path file) throws IOException {
		if (!this.checkpoints.existsById(checkpoint.id())) {
			throw new IOException("Checkpoint " + checkpoint.id() + " no longer exists");
		}
		this.store.read(checkpoint.id(), checkpoint.sha256(), file);
	}

	private static ArchivedCheckpoint archived(Checkpoint checkpoint) {
		return new ArchivedCheckpoint(checkpoint.getId(), checkpoint.getRunId(), checkpoint.getEpoch(),
				checkpoint.getValTop1(), checkpoint.getValTop5(), checkpoint.getSizeBytes(), checkpoint.getSha256());
	}

}
