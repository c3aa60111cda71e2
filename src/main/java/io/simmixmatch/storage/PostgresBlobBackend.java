package io.simmixmatch.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Blobs in PostgreSQL, in 1 MiB chunks: a write is one transaction (or part of the
 * caller's), so a reader sees all of a file or none of it.
 */
class PostgresBlobBackend implements BlobBackend {

	private static final int CHUNK_BYTES = 1 << 20;

	private final JdbcTemplate jdbc;

	PostgresBlobBackend(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional
	public void write(String key, Path file) throws IOException {
		this.jdbc.update("delete from blob where key = ?", key);
		this.jdbc.update("insert into blob (key, size_bytes) values (?, ?)", key, Files.size(file));
		try (InputStream in = Files.newInputStream(file)) {
			int chunk = 0;
			for (byte[] data = in.readNBytes(CHUNK_BYTES); data.length > 0; data = in.readNBytes(CHUNK_BYTES)) {
				this.jdbc.update("insert into blob_chunk (blob_key, chunk, data) values (?, ?, ?)", key, chunk++, data);
			}
		}
	}

	@Override
	@Transactional(readOnly = true)
	public void read(String key, OutputStream out) throws IOException {
		if (this.jdbc.queryForList("select 1 from blob where key = ?", Integer.class, key).isEmpty()) {
			throw new IOException("No stored file " + key);
		}
		try {
			this.jdbc.query("select data from blob_chunk where blob_key = ? order by chunk", (row) -> {
				try {
					out.write(row.getBytes("data"));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, key);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	@Override
	public void delete(String key) {
		this.jdbc.update("delete from blob where key = ?", key);
	}

}
