package io.simmixmatch.storage;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where stored files live ({@code simmixmatch.storage.*}, or
 * {@code SIMMIXMATCH_STORAGE_*}).
 *
 * @param type {@code postgres} (the default: a single machine needs nothing else) or
 * {@code s3}
 * @param s3 the bucket, for {@code s3}
 */
@ConfigurationProperties("simmixmatch.storage")
public record StorageProperties(@DefaultValue("postgres") String type, @DefaultValue S3 s3) {

	/**
	 * These settings as environment variables, for the processes this one launches.
	 * @return {@code SIMMIXMATCH_STORAGE_*} variables of the settings that are set
	 */
	public Map<String, String> environment() {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("SIMMIXMATCH_STORAGE_TYPE", this.type);
		putIfSet(variables, "BUCKET", this.s3.bucket());
		putIfSet(variables, "PREFIX", this.s3.prefix());
		putIfSet(variables, "REGION", this.s3.region());
		putIfSet(variables, "ENDPOINT", this.s3.endpoint());
		putIfSet(variables, "PATHSTYLE", this.s3.pathStyle());
		putIfSet(variables, "ACCESSKEYID", this.s3.accessKeyId());
		putIfSet(variables, "SECRETACCESSKEY", this.s3.secretAccessKey());
		return variables;
	}

	private static void putIfSet(Map<String, String> variables, String name, @Nullable Object value) {
		if (value != null) {
			variables.put("SIMMIXMATCH_STORAGE_S3_" + name, value.toString());
		}
	}

	/**
	 * An S3-compatible bucket.
	 *
	 * @param bucket its name
	 * @param prefix what every key starts with, such as {@code simmixmatch/}
	 * @param region its region
	 * @param endpoint the server, where it is not AWS (MinIO, Ceph, s3proxy)
	 * @param pathStyle whether to address the bucket in the path rather than the host
	 * name, as most servers other than AWS want
	 * @param accessKeyId with {@code secretAccessKey}: static credentials; without, the
	 * SDK's default chain (environment, web identity, instance profile)
	 * @param secretAccessKey the secret of {@code accessKeyId}
	 */
	public record S3(@Nullable String bucket, @DefaultValue("") String prefix, @DefaultValue("us-east-1") String region,
			@Nullable URI endpoint, @DefaultValue("false") boolean pathStyle, @Nullable String accessKeyId,
			@Nullable String secretAccessKey) {

	}

}
