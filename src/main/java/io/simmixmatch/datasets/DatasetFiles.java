package io.simmixmatch.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.simmixmatch.data.AtomicFiles;
import io.simmixmatch.storage.BlobStore;
import io.simmixmatch.storage.StoredBlob;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This machine's copies of uploaded data sets' image set caches, taken from the blob
 * store once: named by checksum, so a copy is never stale; written with
 * {@link AtomicFiles}, so that two processes of one machine never see each other's half
 * copy.
 */
@Component
class DatasetFiles {

	private final BlobStore blobs;

	private final Path dataDirectory;

	DatasetFiles(BlobStore blobs, @Value("${simmixmatch.data-dir}") Path dataDirectory) {
		this.blobs = blobs;
		this.dataDirectory = dataDirectory;
	}

	/**
	 * The local copy of a stored cache, fetched if this machine has none.
	 * @param blob the stored cache
	 * @return its local file
	 * @throws IOException if it cannot be fetched or fails its checksum
	 */
	Path localCopy(StoredBlob blob) throws IOException {
		Path cache = this.dataDirectory.resolve("cache").resolve("datasets").resolve(blob.sha256() + ".smm");
		if (!Files.isRegularFile(cache)) {
			AtomicFiles.replace(cache, (partial) -> this.blobs.get(blob, partial));
		}
		return cache;
	}

}
