package io.simmixmatch.storage;

import java.util.Objects;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The blob store's backend, chosen by {@code simmixmatch.storage.type}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	@Bean
	@ConditionalOnProperty(name = "simmixmatch.storage.type", havingValue = "postgres", matchIfMissing = true)
	BlobBackend postgresBlobBackend(JdbcTemplate jdbc) {
		return new PostgresBlobBackend(jdbc);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "simmixmatch.storage.type", havingValue = "s3")
	S3Client blobStoreS3Client(StorageProperties properties) {
		return s3Client(properties.s3());
	}

	@Bean
	@ConditionalOnProperty(name = "simmixmatch.storage.type", havingValue = "s3")
	BlobBackend s3BlobBackend(S3Client s3, StorageProperties properties) {
		String bucket = Objects.requireNonNull(properties.s3().bucket(),
				"simmixmatch.storage.s3.bucket is required with simmixmatch.storage.type=s3");
		return new S3BlobBackend(s3, bucket, properties.s3().prefix());
	}

	/**
	 * A client for a bucket. Checksums beyond what a request needs are off: the store
	 * checks its own SHA-256, and S3-compatible servers do not all take the SDK's newer
	 * trailing checksums.
	 * @param s3 the bucket's settings
	 * @return the client
	 */
	static S3Client s3Client(StorageProperties.S3 s3) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClient(UrlConnectionHttpClient.create())
			.region(Region.of(s3.region()))
			.forcePathStyle(s3.pathStyle())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.credentialsProvider((s3.accessKeyId() != null && s3.secretAccessKey() != null)
					? StaticCredentialsProvider
						.create(AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey()))
					: DefaultCredentialsProvider.builder().build());
		if (s3.endpoint() != null) {
			builder.endpointOverride(s3.endpoint());
		}
		return builder.build();
	}

}
