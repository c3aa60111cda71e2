package io.simmixmatch.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.simmixmatch.data.DatasetFormat;
import io.simmixmatch.data.DatasetImport;
import io.simmixmatch.data.ImageArchive;
import io.simmixmatch.data.InvalidDatasetException;
import io.simmixmatch.storage.BlobStore;
import io.simmixmatch.storage.StoredBlob;
import io.simmixmatch.web.ApiProblems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * The life of uploaded data sets. Imports: in the request, the archive is saved to a
 * folder of its own and scanned (layout, limits, headers), so that a bad archive is a 4xx
 * with nothing left behind; then it is staged in the blob store and the data set,
 * IMPORTING, is recorded with its import queued ({@link ImportQueue}) in one transaction.
 * The folder is removed either way. Deletes: the images go, the row stays for the runs
 * that trained on it.
 */
@Service
class DatasetUploads {

	private static final Logger log = LoggerFactory.getLogger(DatasetUploads.class);

	private final DatasetRepository datasets;

	private final BlobStore blobs;

	private final DatasetUsage usage;

	private final DatasetProperties properties;

	private final ImportFolders folders;

	private final ImportQueue imports;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DatasetUploads(DatasetRepository datasets, BlobStore blobs, DatasetUsage usage, DatasetProperties properties,
			ImportFolders folders, ImportQueue imports, TransactionTemplate transactions, Clock clock) {
		this.datasets = datasets;
		this.blobs = blobs;
		this.usage = usage;
		this.properties = properties;
		this.folders = folders;
		this.imports = imports;
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
		Path directory = this.folders.create(id);
		try {
			Path file = directory.resolve("archive");
			archive.transferTo(file);
			DatasetImport.Options options = request.options(this.properties);
			DatasetImport.Plan plan = DatasetImport.scan(new ImageArchive(file, this.properties.archiveLimits()),
					options);
			long free = Files.getFileStore(directory).getUsableSpace();
			if (plan.decodedBytes() > free) {
				throw ApiProblems.insufficientStorage(
						"The import's %d images need %d MiB once decoded; the ".formatted(plan.imageCount(),
								plan.decodedBytes() >> 20) + "service's disk has " + (free >> 20) + " MiB free");
			}
			StoredBlob staged = this.blobs.put("imports/" + id + "-" + UUID.randomUUID() + ".archive", file);
			Dataset dataset = saveAndEnqueue(new Dataset(id, request.name(), plan, caller, now()),
					new ImportJob(staged, options));
			log.info("Importing data set {}: {} images of {} classes, {} skipped", id, plan.imageCount(),
					plan.classNames().size(), plan.skipped());
			return DatasetResponse.of(dataset);
		}
		catch (InvalidDatasetException ex) {
			throw ex.isTooLarge() ? ApiProblems.tooLarge(ex.getMessage()) : ApiProblems.badRequest(ex.getMessage());
		}
		finally {
			this.folders.remove(directory);
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

	// The data set and its queued import, or neither; the staged archive goes with a
	// refusal.
	private Dataset saveAndEnqueue(Dataset dataset, ImportJob job) {
		try {
			return this.transactions.execute((status) -> {
				Dataset saved = this.datasets.saveAndFlush(dataset);
				this.imports.enqueue(saved.getId(), job);
				return saved;
			});
		}
		catch (DataIntegrityViolationException ex) {
			this.blobs.delete(job.archive().key());
			// Another upload of the same name got there first.
			throw ApiProblems.conflict("A data set with id '" + dataset.getId() + "' exists; choose another name");
		}
		catch (RuntimeException ex) {
			this.blobs.delete(job.archive().key());
			throw ex;
		}
	}

	private Instant now() {
		return this.clock.instant();
	}

}
