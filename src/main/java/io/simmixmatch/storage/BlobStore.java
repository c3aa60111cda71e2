package io.simmixmatch.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one gateway to stored files: writes record their size and SHA-256, reads check
 * them, so a file damaged at rest or in transit is never used.
 */
@Service
public class BlobStore {

	private final BlobBackend backend;

	BlobStore(BlobBackend backend) {
		this.backend = backend;
	}

	/**
	 * Stores a file.
	 * @param key where, such as {@code datasets/shop/<sha256>.smm}
	 * @param file the bytes
	 * @return what to record to read it again
	 * @throws IOException if it cannot be stored
	 */
	public StoredBlob put(String key, Path file) throws IOException {
		return put(key, file, Checksums.sha256(file));
	}

	/**
	 * Stores a file whose checksum the caller has computed already, as it must to name a
	 * key by its content.
	 * @param key where
	 * @param file the bytes
	 * @param sha256 their SHA-256 ({@link Checksums#sha256}), checked on every read
	 * @return what to record to read it again
	 * @throws IOException if it cannot be stored
	 */
	public StoredBlob put(String key, Path file, String sha256) throws IOException {
		StoredBlob blob = new StoredBlob(key, Files.size(file), sha256);
		this.backend.write(key, file);
		return blob;
	}

	/**
	 * Reads a stored file into a local one and checks it.
	 * @param blob what was recorded when it was stored
	 * @param file where to write it; deleted again if the bytes do not match
	 * @throws IOException if it cannot be read, or does not match its checksum
	 */
	public void get(StoredBlob blob, Path file) throws IOException {
		MessageDigest digest = Checksums.sha256();
		try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
			this.backend.read(blob.key(), out);
		}
		catch (IOException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
		String actual = Checksums.hex(digest);
		if (!actual.equals(blob.sha256())) {
			Files.delete(file);
			throw new IOException(
					"Stored file " + blob.key() + " is corrupt: SHA-256 " + actual + ", expected " + blob.sha256());
		}
	}

	/**
	 * Removes a stored file, if it is there: once the caller's transaction commits, where
	 * there is one, so that a rollback never leaves rows that refer to a removed file.
	 * @param key where it is
	 */
	public void delete(String key) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					BlobStore.this.backend.delete(key);
				}

			});
		}
		else {
			this.backend.delete(key);
		}
	}

}
