package io.simmixmatch.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.CheckpointFile;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.training.EpochResult;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checkpoint files in PostgreSQL: a row that describes one, and its bytes in 1 MiB chunks
 * with a SHA-256 over all of them, checked on the way out. Callers hold the transaction:
 * a replaced checkpoint disappears in the same commit that stores its successor.
 */
@Component
class CheckpointStore {

	private static final int CHUNK_BYTES = 1 << 20;

	private final JdbcTemplate jdbc;

	CheckpointStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	// The loop keeps BEST and PERIODIC as copies of the epoch's LAST: bytes already
	// stored
	// for the run are copied in the database instead of being uploaded again.
	void store(long runId, CheckpointKind kind, Path file, Instant now) throws IOException {
		CheckpointMetadata metadata = CheckpointFile.readMetadata(file);
		String sha256 = sha256(file);
		Accuracy validation = metadata.history()
			.stream()
			.filter((epoch) -> epoch.epoch() == metadata.epoch())
			.map(EpochResult::validation)
			.findFirst()
			.orElse(null);
		if (kind == CheckpointKind.PERIODIC) {
			this.jdbc.update("delete from checkpoint where run_id = ? and kind = ? and epoch = ?", runId, kind.name(),
					metadata.epoch());
		}
		else {
			this.jdbc.update("delete from checkpoint where run_id = ? and kind = ?", runId, kind.name());
		}
		Optional<Long> twin = this.jdbc
			.queryForList("select id from checkpoint where run_id = ? and sha256 = ? order by id limit 1", Long.class,
					runId, sha256)
			.stream()
			.findFirst();
		if (twin.isPresent()) {
			copy(twin.get(), kind, now);
			return;
		}
		long id = this.jdbc.queryForObject("""
				insert into checkpoint (run_id, kind, epoch, step, val_top1, val_top5, size_bytes, sha256, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, runId, kind.name(), metadata.epoch(),
				metadata.step(), (validation != null) ? validation.top1() : null,
				(validation != null) ? validation.top5() : null, Files.size(file), sha256, Timestamp.from(now));
		try (InputStream in = Files.newInputStream(file)) {
			int chunk = 0;
			for (byte[] data = in.readNBytes(CHUNK_BYTES); data.length > 0; data = in.readNBytes(CHUNK_BYTES)) {
				this.jdbc.update("insert into checkpoint_chunk (checkpoint_id, chunk, data) values (?, ?, ?)", id,
						chunk++, data);
			}
		}
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
		MessageDigest digest = sha256();
		try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
			this.jdbc.query("select data from checkpoint_chunk where checkpoint_id = ? order by chunk", (row) -> {
				try {
					out.write(row.getBytes("data"));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, id);
		}
		String actual = HexFormat.of().formatHex(digest.digest());
		if (!actual.equals(sha256)) {
			Files.delete(file);
			throw new IOException("Checkpoint " + id + " is corrupt: SHA-256 " + actual + ", expected " + sha256);
		}
	}

	/**
	 * Copies a checkpoint, bytes included, as another kind.
	 * @param id the checkpoint
	 * @param kind the kind of the copy
	 * @param now when
	 * @return the copy's id
	 */
	long copy(long id, CheckpointKind kind, Instant now) {
		long copy = this.jdbc.queryForObject("""
				insert into checkpoint (run_id, kind, epoch, step, val_top1, val_top5, size_bytes, sha256, created_at)
				select run_id, ?, epoch, step, val_top1, val_top5, size_bytes, sha256, ? from checkpoint where id = ?
				returning id""", Long.class, kind.name(), Timestamp.from(now), id);
		this.jdbc.update("""
				insert into checkpoint_chunk (checkpoint_id, chunk, data)
				select ?, chunk, data from checkpoint_chunk where checkpoint_id = ?""", copy, id);
		return copy;
	}

	private static String sha256(Path file) throws IOException {
		MessageDigest digest = sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
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
