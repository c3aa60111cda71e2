package io.simmixmatch.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.simmixmatch.data.DatasetFormat;
import io.simmixmatch.data.DatasetImport;
import io.simmixmatch.data.ImageArchive;
import io.simmixmatch.data.InvalidDatasetException;
import io.simmixmatch.storage.BlobStore;
import io.simmixmatch.storage.StoredBlob;
import io.simmixmatch.web.ApiProblems;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.multipart.MultipartFile;

/**
 * The life of uploaded data sets. Imports: in the request, the archive is moved into a
 * folder of its own and scanned (layout, limits, headers), so that a bad archive is a 4xx
 * with nothing left behind; then, in the background, its images are decoded once into an
 * image set cache that goes to the blob store, and the data set becomes READY (or FAILED,
 * with the reason). The folder is removed either way. Deletes: the images go, the row
 * stays for the runs that trained on it.
 */
@Service
class DatasetUploads {

	private static final Logger log = LoggerFactory.getLogger(DatasetUploads.class);

	/**
	 * An import reports progress at least this often; older ones have lost their process.
	 */
	private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

	private final DatasetRepository datasets;

	private final BlobStore blobs;

	private final DatasetUsage usage;

	private final DatasetProperties properties;

	private final Path importsDirectory;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ScheduledExecutorService executor = Executors
		.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("dataset-import-"));

	DatasetUploads(DatasetRepository datasets, BlobStore blobs, DatasetUsage usage, DatasetProperties properties,
			@Value("${simmixmatch.data-dir}") Path dataDirectory, JdbcTemplate jdbc, TransactionTemplate transactions,
			Clock clock) {
		this.datasets = datasets;
		this.blobs = blobs;
		this.usage = usage;
		this.properties = properties;
		this.importsDirectory = dataDirectory.resolve("imports");
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Checks an upload and starts importing it.
	 * @param request the form's fields
	 * @param archive the archive part
	 * @param caller who uploads it, or null where authentication is off
	 * @return the data set, IMPORTING
	 * @throws IOException if the archive cannot be saved or read
	 */
	DatasetResponse start(UploadRequest request, MultipartFile archive, @Nullable String caller) throws IOException {
		String id = request.id();
		if (this.datasets.existsById(id)) {
			throw ApiProblems.conflict("A data set with id '" + id + "' exists; choose another name");
		}
		Files.createDirectories(this.importsDirectory);
		Path directory = Files.createTempDirectory(this.importsDirectory, id + "-");
		try {
			Path file = directory.resolve("archive");
			archive.transferTo(file);
			ImageArchive source = new ImageArchive(file, this.properties.archiveLimits());
			DatasetImport.Plan plan = DatasetImport.scan(source, request.options(this.properties));
			long free = Files.getFileStore(directory).getUsableSpace();
			if (plan.decodedBytes() > free) {
				throw ApiProblems.insufficientStorage(
						"The import's %d images need %d MiB once decoded; the ".formatted(plan.imageCount(),
								plan.decodedBytes() >> 20) + "service's disk has " + (free >> 20) + " MiB free");
			}
			Dataset dataset = saveNew(new Dataset(id, request.name(), plan, caller, now()));
			log.info("Importing data set {}: {} images of {} classes, {} skipped", id, plan.imageCount(),
					plan.classNames().size(), plan.skipped());
			this.executor.execute(() -> decode(id, source, plan, directory));
			return DatasetResponse.of(dataset);
		}
		catch (InvalidDatasetException ex) {
			remove(directory);
			throw ex.isTooLarge() ? ApiProblems.tooLarge(ex.getMessage()) : ApiProblems.badRequest(ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			remove(directory);
			throw ex;
		}
	}

	/**
	 * Deletes an uploaded data set's images; its row stays, DELETED, for the runs and
	 * models that refer to it.
	 * @param id the data set
	 * @return it, DELETED
	 */
	DatasetResponse delete(String id) {
		return this.transactions.execute((status) -> {
			Dataset dataset = this.datasets.findByIdForUpdate(id)
				.orElseThrow(() -> ApiProblems.notFound("data set", id));
			if (dataset.getFormat() != DatasetFormat.UPLOADED) {
				throw ApiProblems.conflict("Data set '" + id + "' is not an upload; only uploads can be deleted");
			}
			if (dataset.getStatus() == DatasetStatus.IMPORTING) {
				throw ApiProblems.conflict("Data set '" + id + "' is still importing; delete it once it has ended");
			}
			if (this.usage.hasActiveRuns(id)) {
				throw ApiProblems.conflict("Runs that are queued or running train on data set '" + id
						+ "'; cancel them or wait for them to end");
			}
			StoredBlob blob = dataset.getBlob();
			dataset.deleted(now());
			if (blob != null) {
				this.blobs.delete(blob.key());
			}
			return DatasetResponse.of(dataset);
		});
	}

	/** Fails the imports whose process went away, at start and every minute. */
	@EventListener(ApplicationReadyEvent.class)
	void watchForAbandonedImports() {
		this.executor.scheduleWithFixedDelay(this::failAbandonedImports, 0, 1, TimeUnit.MINUTES);
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

	private Dataset saveNew(Dataset dataset) {
		try {
			return this.datasets.saveAndFlush(dataset);
		}
		catch (DataIntegrityViolationException ex) {
			// Another upload of the same name got there first.
			throw ApiProblems.conflict("A data set with id '" + dataset.getId() + "' exists; choose another name");
		}
	}

	private void decode(String id, ImageArchive source, DatasetImport.Plan plan, Path directory) {
		try {
			Path cache = directory.resolve("images.smm");
			DatasetImport.Imported imported = DatasetImport.decode(source, plan, id, cache, (decoded) -> this.jdbc
				.update("update dataset set images_decoded = ?, updated_at = now() where id = ?", decoded, id));
			String key = "datasets/" + id + ".smm";
			// One transaction: the stored images and the READY row, or neither.
			this.transactions.executeWithoutResult((status) -> {
				try {
					StoredBlob blob = this.blobs.put(key, cache);
					this.datasets.findById(id).orElseThrow().ready(imported, blob, now());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			log.info("Data set {} is READY: {} images, {} skipped", id, imported.images(), imported.skipped());
		}
		catch (InvalidDatasetException ex) {
			fail(id, ex.getMessage());
		}
		catch (IOException | RuntimeException | OutOfMemoryError ex) {
			log.warn("Import of data set {} failed", id, ex);
			fail(id, "The import failed: " + ex.getMessage());
		}
		finally {
			remove(directory);
		}
	}

	private static void remove(Path directory) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			log.warn("Could not remove {}", directory, ex);
		}
	}

	private void fail(String id, @Nullable String error) {
		this.transactions.executeWithoutResult((status) -> this.datasets.findById(id)
			.ifPresent((dataset) -> dataset.failed((error != null) ? error : "The import failed", now())));
	}

	void failAbandonedImports() {
		this.transactions.executeWithoutResult((status) -> {
			List<Dataset> abandoned = this.datasets.findSilentImportsForUpdate(ABANDONED_AFTER.toSeconds());
			abandoned.forEach((dataset) -> dataset.failed(
					"The import stopped: the service instance importing it went away; upload the archive again",
					now()));
			if (!abandoned.isEmpty()) {
				log.warn("Failed {} abandoned data set imports", abandoned.size());
			}
		});
	}

	private Instant now() {
		return this.clock.instant();
	}

}
