package io.simmixmatch.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.simmixmatch.data.DatasetImport;
import io.simmixmatch.data.ImageArchive;
import io.simmixmatch.data.InvalidDatasetException;
import io.simmixmatch.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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

	private final ImportFolders folders;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DatasetImporter(DatasetRepository datasets, BlobStore blobs, DatasetProperties properties, ImportFolders folders,
			JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
		this.datasets = datasets;
		this.blobs = blobs;
		this.properties = properties;
		this.folders = folders;
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
		if (!Boolean.TRUE.equals(this.transactions.execute((status) -> importing(id).isPresent()))) {
			log.info("Data set {} is no longer importing; nothing to do", id);
			this.blobs.delete(job.archive().key());
			return;
		}
		try {
			Path directory = this.folders.create(id);
			try {
				decode(id, job, directory);
			}
			finally {
				this.folders.remove(directory);
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
			importing(id).ifPresent((dataset) -> dataset.failed(error, this.clock.instant()));
			this.blobs.delete(job.archive().key());
		});
	}

	// Locked, so that of two runs of one import (an instance judged dead that was not)
	// the
	// first to end decides, and a READY data set never turns FAILED.
	private Optional<Dataset> importing(String id) {
		return this.datasets.findByIdForUpdate(id).filter((dataset) -> dataset.getStatus() == DatasetStatus.IMPORTING);
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
				Optional<Dataset> dataset = importing(id);
				if (dataset.isPresent()) {
					dataset.get().ready(imported, this.blobs.put(key, cache), this.clock.instant());
				}
				this.blobs.delete(job.archive().key());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		log.info("Data set {} is READY: {} images, {} skipped", id, imported.images(), imported.skipped());
	}

}
