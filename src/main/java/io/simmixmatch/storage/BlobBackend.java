package io.simmixmatch.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** Where the blob store keeps bytes; checksums are the store's, not the backend's. */
interface BlobBackend {

	/**
	 * Stores a file under a key, replacing what was there.
	 * @param key the key
	 * @param file the bytes
	 * @throws IOException if they cannot be stored
	 */
	void write(String key, Path file) throws IOException;

	/**
	 * Streams the bytes stored under a key.
	 * @param key the key
	 * @param out where to write them
	 * @throws IOException if they cannot be read, or nothing is stored under the key
	 */
	void read(String key, OutputStream out) throws IOException;

	/**
	 * Removes what is stored under a key, if anything.
	 * @param key the key
	 */
	void delete(String key);

}
