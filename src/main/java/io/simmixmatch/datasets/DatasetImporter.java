package io.simmixmatch.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BooleanSupplier;

import io.simmixmatch.data.DatasetImport;
import io.simmixmatch.data.ImageArchive;
import io.simmixmatch.data.InvalidDatasetException;
import io.simmixmatch.storage.BlobStore;
import io.simmixmatch.storage.StoredBlob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Runs one import: fetches the staged archive, decodes its images once into an image set
 * cache that goes to the blob store, and makes the data set READY, or FAILED with the
 * reason; the staged archive goes either way. Running it again is harmless: a data set
 * that is no longer IMPORTING is left as it is.
 */
@Component
class DatasetImporter {

	private static final Logger log = LoggerFactory.getLogger(DatasetImporter.class);

	private final DatasetRepository datasets;

	private final BlobStore blobs;

	private final DatasetProperties properties;

	private final Path importsDirectory;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DatasetImporter(DatasetRepository datasets, BlobStore blobs, DatasetProperties properties,
			@Value("${simmixmatch.data-dir}") Path dataDirectory, JdbcTemplate jdbc, TransactionTemplate transactions,
			Clock clock) {
		this.datasets = datasets;
		this.blobs = blobs;
		this.properties = properties;
		this.importsDirectory = dataDirectory.resolve("imports");
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Imports a data set.
	 * @param id the data set
	 * @param job its archive and options
	 * @param stopping whether this instance is shutting down: a failure then is the
	 * shutdown's, and is thrown for the queue to run the import again, not recorded
	 */
	void run(String id, ImportJob job, BooleanSupplier stopping) {
		if (this.datasets.findById(id).filter((dataset) -> dataset.getStatus() == DatasetStatus.IMPORTING).isEmpty()) {
			log.info("Data set {} is no longer importing; nothing to do", id);
			this.blobs.delete(job.archive().key());
			return;
		}
		try {
			Files.createDirectories(this.importsDirectory);
			Path directory = Files.createTempDirectory(this.importsDirectory, id + "-");
			try {
				decode(id, job, directory);
			}
			finally {
				FileSystemUtils.deleteRecursively(directory);
			}
		}
		catch (InvalidDatasetException ex) {
			fail(id, job, ex.getMessage());
		}
		catch (IOException | RuntimeException | OutOfMemoryError ex) {
			if (stopping.getAsBoolean()) {
				throw new IllegalStateException("Import of data set " + id + " stopped by a shutdown", ex);
			}
			log.warn("Import of data set {} failed", id, ex);
			fail(id, job, "The import failed: " + ex.getMessage());
		}
	}

	/**
	 * Records that an import failed, and removes its staged archive.
	 * @param id the data set
	 * @param job its archive
	 * @param error why, for people
	 */
	void fail(String id, ImportJob job, String error) {
		this.transactions.executeWithoutResult((status) -> {
			this.datasets.findById(id).ifPresent((dataset) -> dataset.failed(error, this.clock.instant()));
			this.blobs.delete(job.archive().key());
		});
	}

	private void decode(String id, ImportJob job, Path directory) throws IOException, InvalidDatasetException {
		Path archive = directory.resolve("archive");
		this.blobs.get(job.archive(), archive);
		ImageArchive source = new ImageArchive(archive, this.properties.archiveLimits());
		DatasetImport.Plan plan = DatasetImport.scan(source, job.options());
		Path cache = directory.resolve("images.smm");
		DatasetImport.Imported imported = DatasetImport.decode(source, plan, id, cache, (decoded) -> this.jdbc
			.update("update dataset set images_decoded = ?, updated_at = now() where id = ?", decoded, id));
		String key = "datasets/" + id + ".smm";
		// One transaction: the stored images and the READY row, or neither.
		this.transactions.executeWithoutResult((status) -> {
			try {
				StoredBlob blob = this.blobs.put(key, cache);
				this.datasets.findById(id).orElseThrow().ready(imported, blob, this.clock.instant());
				this.blobs.delete(job.archive().key());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		log.info("Data set {} is READY: {} images, {} skipped", id, imported.images(), imported.skipped());
	}

}
