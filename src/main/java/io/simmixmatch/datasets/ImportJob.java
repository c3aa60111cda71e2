package io.simmixmatch.datasets;

import io.simmixmatch.data.DatasetImport;
import io.simmixmatch.storage.StoredBlob;

/**
 * An import as its queue keeps it, beside its data set's id: the uploaded archive, staged
 * in the blob store so that any API instance can run it, and the options it was checked
 * with.
 *
 * @param archive the staged archive
 * @param options how to read it
 */
record ImportJob(StoredBlob archive, DatasetImport.Options options) {
}
