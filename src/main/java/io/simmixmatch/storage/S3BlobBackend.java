package io.simmixmatch.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Blobs as objects of an S3-compatible bucket, for clusters: every worker pod reads the
 * same data sets and checkpoints, whatever node it runs on.
 */
class S3BlobBackend implements BlobBackend {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	S3BlobBackend(S3Client s3, String bucket, String prefix) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix;
	}

	@Override
	public void write(String key, Path file) throws IOException {
		try {
			this.s3.putObject((put) -> put.bucket(this.bucket).key(this.prefix + key), RequestBody.fromFile(file));
		}
		catch (SdkException ex) {
			throw new IOException("Could not store " + key + " in bucket " + this.bucket + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void read(String key, OutputStream out) throws IOException {
		try {
			this.s3.getObject((get) -> get.bucket(this.bucket).key(this.prefix + key),
					ResponseTransformer.toOutputStream(out));
		}
		catch (NoSuchKeyException ex) {
			throw new IOException("No stored file " + key + " in bucket " + this.bucket, ex);
		}
		catch (SdkException ex) {
			throw new IOException("Could not read " + key + " from bucket " + this.bucket + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void delete(String key) {
		this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(this.prefix + key));
	}

}
