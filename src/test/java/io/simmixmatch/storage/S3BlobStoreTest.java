package io.simmixmatch.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** The blob store over a real S3 server: round trips, checksums, keys and deletes. */
class S3BlobStoreTest {

	private static S3Server server;

	private static S3Client s3;

	private static BlobStore store;

	@BeforeAll
	static void startServer(@TempDir Path directory) throws IOException {
		server = S3Server.start(directory);
		s3 = server.createBucket("blobs");
		store = new BlobStore(
				new S3BlobBackend(StorageConfiguration.s3Client(server.bucket("blobs", "")), "blobs", "tenant/"));
	}

	@AfterAll
	static void stopServer() {
		s3.close();
		server.close();
	}

	@Test
	void aStoredFileComesBackWithItsChecksum(@TempDir Path directory) throws IOException {
		byte[] bytes = new byte[3 << 20];
		new java.util.Random(1).nextBytes(bytes);
		Path file = Files.write(directory.resolve("in"), bytes);

		StoredBlob blob = store.put("datasets/shop.smm", file);
		store.get(blob, directory.resolve("out"));

		assertThat(blob.sizeBytes()).isEqualTo(bytes.length);
		assertThat(blob.sha256()).isEqualTo(Checksums.sha256(file));
		assertThat(Files.readAllBytes(directory.resolve("out"))).isEqualTo(bytes);
		assertThat(s3.headObject((head) -> head.bucket("blobs").key("tenant/datasets/shop.smm")).contentLength())
			.as("under the prefix")
			.isEqualTo(bytes.length);
	}

	@Test
	void aFileChangedInTheBucketIsRefusedAndNotLeftBehind(@TempDir Path directory) throws IOException {
		StoredBlob blob = store.put("checkpoints/1/a.ckpt", Files.writeString(directory.resolve("in"), "weights"));
		s3.putObject((put) -> put.bucket("blobs").key("tenant/checkpoints/1/a.ckpt"),
				RequestBody.fromString("tampered"));
		Path out = directory.resolve("out");

		assertThatIOException().isThrownBy(() -> store.get(blob, out))
			.withMessageStartingWith("Stored file checkpoints/1/a.ckpt is corrupt: SHA-256 ");
		assertThat(out).doesNotExist();
	}

	@Test
	void aDeletedFileIsGone(@TempDir Path directory) throws IOException {
		StoredBlob blob = store.put("checkpoints/2/b.ckpt", Files.writeString(directory.resolve("in"), "weights"));

		store.delete(blob.key());

		assertThatIOException().isThrownBy(() -> store.get(blob, directory.resolve("out")))
			.withMessage("No stored file checkpoints/2/b.ckpt in bucket blobs");
		assertThat(directory.resolve("out")).doesNotExist();
	}

}
