package io.simmixmatch.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.simmixmatch.storage.BlobStore;
import io.simmixmatch.storage.Checksums;
import io.simmixmatch.storage.StoredBlob;
import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.CheckpointFile;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.training.EpochResult;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checkpoints: a row that describes one, its bytes in the blob store under a key named by
 * run and checksum. Rows with the same bytes (a BEST that is a copy of the epoch's LAST,
 * a RELEASED copy) share one stored file, removed once no row refers to it. Callers hold
 * the transaction: a replaced checkpoint disappears in the same commit that stores its
 * successor.
 */
@Component
class CheckpointStore {

	private final JdbcTemplate jdbc;

	private final BlobStore blobs;

	CheckpointStore(JdbcTemplate jdbc, BlobStore blobs) {
		this.jdbc = jdbc;
		this.blobs = blobs;
	}

	void store(long runId, CheckpointKind kind, Path file, Instant now) throws IOException {
		CheckpointMetadata metadata = CheckpointFile.readMetadata(file);
		String sha256 = Checksums.sha256(file);
		Accuracy validation = metadata.history()
			.stream()
			.filter((epoch) -> epoch.epoch() == metadata.epoch())
			.map(EpochResult::validation)
			.findFirst()
			.orElse(null);
		String key = "checkpoints/%d/%s.ckpt".formatted(runId, sha256);
		boolean stored = !this.jdbc.queryForList("select 1 from checkpoint where blob_key = ?", Integer.class, key)
			.isEmpty();
		StoredBlob blob = stored ? new StoredBlob(key, Files.size(file), sha256) : this.blobs.put(key, file, sha256);
		List<String> replaced = (kind == CheckpointKind.PERIODIC)
				? this.jdbc.queryForList(
						"delete from checkpoint where run_id = ? and kind = ? and epoch = ? returning blob_key",
						String.class, runId, kind.name(), metadata.epoch())
				: this.jdbc.queryForList("delete from checkpoint where run_id = ? and kind = ? returning blob_key",
						String.class, runId, kind.name());
		this.jdbc.update("""
				insert into checkpoint (run_id, kind, epoch, step, val_top1, val_top5, size_bytes, sha256, blob_key,
				                        created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", runId, kind.name(), metadata.epoch(), metadata.step(),
				(validation != null) ? validation.top1() : null, (validation != null) ? validation.top5() : null,
				blob.sizeBytes(), sha256, key, Timestamp.from(now));
		replaced.forEach(this::deleteIfUnreferenced);
	}

	Optional<StoredCheckpoint> find(long runId, CheckpointKind kind) {
		return this.jdbc
			.query("select id, step, sha256 from checkpoint where run_id = ? and kind = ?",
					(row, index) -> new StoredCheckpoint(row.getLong("id"), row.getLong("step"),
							row.getString("sha256")),
					runId, kind.name())
			.stream()
			.findFirst();
	}

	/**
	 * Writes a checkpoint's bytes to a file and checks them.
	 * @param id the checkpoint
	 * @param sha256 the SHA-256 its bytes must have
	 * @param file where to write them
	 * @throws IOException if they cannot be written, or do not match the checksum
	 */
	void read(long id, String sha256, Path file) throws IOException {
		StoredBlob blob = this.jdbc
			.query("select blob_key, size_bytes from checkpoint where id = ?",
					(row, index) -> new StoredBlob(row.getString("blob_key"), row.getLong("size_bytes"), sha256), id)
			.stream()
			.findFirst()
			.orElseThrow(() -> new IOException("Checkpoint " + id + " no longer exists"));
		this.blobs.get(blob, file);
	}

	/**
	 * Records a copy of a checkpoint as another kind; the copy shares its bytes.
	 * @param id the checkpoint
	 * @param kind the kind of the copy
	 * @param now when
	 * @return the copy's id
	 */
	long copy(long id, CheckpointKind kind, Instant now) {
		return this.jdbc.queryForObject("""
				insert into checkpoint (run_id, kind, epoch, step, val_top1, val_top5, size_bytes, sha256, blob_key,
				                        created_at)
				select run_id, ?, epoch, step, val_top1, val_top5, size_bytes, sha256, blob_key, ?
				from checkpoint where id = ?
				returning id""", Long.class, kind.name(), Timestamp.from(now), id);
	}

	private void deleteIfUnreferenced(String key) {
		if (this.jdbc.queryForList("select 1 from checkpoint where blob_key = ?", Integer.class, key).isEmpty()) {
			this.blobs.delete(key);
		}
	}

	/**
	 * A checkpoint in the database.
	 *
	 * @param id its id
	 * @param step the step it was taken at
	 * @param sha256 the checksum of its bytes
	 */
	record StoredCheckpoint(long id, long step, String sha256) {
	}

}
