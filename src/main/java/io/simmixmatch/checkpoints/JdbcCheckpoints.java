package io.simmixmatch.checkpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.simmixmatch.storage.BlobStore;
import io.simmixmatch.storage.Checksums;
import io.simmixmatch.storage.StoredBlob;
import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.CheckpointWritten;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checkpoint table, through this one class: a row per checkpoint, its bytes in the
 * blob store under a key named by run and checksum.
 */
@Repository
class JdbcCheckpoints implements Checkpoints {

	private static final String COLUMNS = "id, run_id, kind, epoch, step, val_top1, val_top5, size_bytes, sha256, created_at";

	private final JdbcTemplate jdbc;

	private final BlobStore blobs;

	private final Clock clock;

	JdbcCheckpoints(JdbcTemplate jdbc, BlobStore blobs, Clock clock) {
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void store(long runId, CheckpointWritten checkpoint) throws IOException {
		Path file = checkpoint.file();
		String sha256 = Checksums.sha256(file);
		String key = "checkpoints/%d/%s.ckpt".formatted(runId, sha256);
		StoredBlob blob = isReferenced(key) ? new StoredBlob(key, Files.size(file), sha256)
				: this.blobs.put(key, file, sha256);
		CheckpointKind kind = checkpoint.kind();
		List<String> replaced = (kind == CheckpointKind.PERIODIC)
				? this.jdbc.queryForList(
						"delete from checkpoint where run_id = ? and kind = ? and epoch = ? returning blob_key",
						String.class, runId, kind.name(), checkpoint.epoch())
				: this.jdbc.queryForList("delete from checkpoint where run_id = ? and kind = ? returning blob_key",
						String.class, runId, kind.name());
		Accuracy validation = checkpoint.validation();
		this.jdbc.update("""
				insert into checkpoint (run_id, kind, epoch, step, val_top1, val_top5, size_bytes, sha256, blob_key,
				                        created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", runId, kind.name(), checkpoint.epoch(), checkpoint.step(),
				(validation != null) ? validation.top1() : null, (validation != null) ? validation.top5() : null,
				blob.sizeBytes(), sha256, key, Timestamp.from(this.clock.instant()));
		replaced.stream().filter((stale) -> !isReferenced(stale)).forEach(this.blobs::delete);
	}

	@Override
	public Optional<StoredCheckpoint> find(long runId, CheckpointKind kind) {
		return first("select " + COLUMNS + " from checkpoint where run_id = ? and kind = ?", runId, kind.name());
	}

	@Override
	public Optional<StoredCheckpoint> find(long id) {
		return first("select " + COLUMNS + " from checkpoint where id = ?", id);
	}

	@Override
	public List<StoredCheckpoint> ofRun(long runId) {
		return this.jdbc.query("select " + COLUMNS + " from checkpoint where run_id = ? order by epoch desc, id desc",
				JdbcCheckpoints::row, runId);
	}

	@Override
	@Transactional
	public Optional<StoredCheckpoint> release(long runId) {
		return first("""
				insert into checkpoint (run_id, kind, epoch, step, val_top1, val_top5, size_bytes, sha256, blob_key,
				                        created_at)
				select run_id, ?, epoch, step, val_top1, val_top5, size_bytes, sha256, blob_key, ?
				from checkpoint where run_id = ? and kind = ?
				returning\s""" + COLUMNS, CheckpointKind.RELEASED.name(), Timestamp.from(this.clock.instant()), runId,
				CheckpointKind.BEST.name());
	}

	@Override
	public void download(StoredCheckpoint checkpoint, Path file) throws IOException {
		String key = this.jdbc
			.queryForList("select blob_key from checkpoint where id = ?", String.class, checkpoint.id())
			.stream()
			.findFirst()
			.orElseThrow(() -> new IOException("Checkpoint " + checkpoint.id() + " no longer exists"));
		this.blobs.get(new StoredBlob(key, checkpoint.sizeBytes(), checkpoint.sha256()), file);
	}

	private boolean isReferenced(String key) {
		return !this.jdbc.queryForList("select 1 from checkpoint where blob_key = ?", Integer.class, key).isEmpty();
	}

	private Optional<StoredCheckpoint> first(String sql, Object... arguments) {
		return this.jdbc.query(sql, JdbcCheckpoints::row, arguments).stream().findFirst();
	}

	private static StoredCheckpoint row(ResultSet row, int index) throws SQLException {
		return new StoredCheckpoint(row.getLong("id"), row.getLong("run_id"),
				CheckpointKind.valueOf(row.getString("kind")), row.getInt("epoch"), row.getLong("step"),
				row.getObject("val_top1", Double.class), row.getObject("val_top5", Double.class),
				row.getLong("size_bytes"), row.getString("sha256"), row.getTimestamp("created_at").toInstant());
	}

}
