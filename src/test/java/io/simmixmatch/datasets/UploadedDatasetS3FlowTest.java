package io.simmixmatch.datasets;

import java.nio.file.Path;
import java.util.List;

import io.simmixmatch.storage.S3Server;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same flow with the service's files in an S3 bucket (a real S3 server, s3proxy): the
 * API imports into it, the worker process reads the data set and writes the checkpoints
 * there, the predictor reads the promoted checkpoint back, and PostgreSQL holds none of
 * the bytes.
 */
class UploadedDatasetS3FlowTest extends UploadedDatasetFlowTest {

	private static final String BUCKET = "simmixmatch";

	private S3Server server;

	private S3Client bucket;

	@Override
	List<String> storageArguments(Path directory) throws Exception {
		this.server = S3Server.start(directory.resolve("s3"));
		this.bucket = this.server.createBucket(BUCKET);
		return this.server.serviceArguments(BUCKET);
	}

	@Override
	void assertStored(long runId) {
		List<String> keys = this.bucket.listObjectsV2Paginator((list) -> list.bucket(BUCKET))
			.contents()
			.stream()
			.map((object) -> object.key())
			.toList();
		assertThat(keys).contains("datasets/shop.smm").anyMatch((key) -> key.startsWith("checkpoints/" + runId + "/"));
		assertThat(this.service.jdbc().queryForObject("select count(*) from blob", Long.class)).isZero();
	}

	@AfterAll
	void stopServer() {
		this.bucket.close();
		this.server.close();
	}

}
