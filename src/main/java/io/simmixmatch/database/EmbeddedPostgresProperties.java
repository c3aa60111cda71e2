package io.simmixmatch.database;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL server, used when no database URL is configured.
 *
 * @param dataDirectory where the server keeps its data across restarts; unset for a
 * throw-away directory that is removed on shutdown (tests)
 * @param port TCP port on the loopback interface; 0 picks a free one
 * @param startupTimeout how long to wait for the server to accept connections
 */
@ConfigurationProperties("simmixmatch.database.embedded")
public record EmbeddedPostgresProperties(@Nullable Path dataDirectory, @DefaultValue("0") int port,
		@DefaultValue("60s") Duration startupTimeout) {

}
