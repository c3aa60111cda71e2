package io.simmixmatch.database;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts an embedded PostgreSQL (real server binaries from the classpath) when no
 * database URL is configured, and hands its connection details to Spring Boot's own data
 * source, so the pool, Flyway, health and metrics work as with any server.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(EmbeddedPostgres.class)
@Conditional(NoDatabaseUrlCondition.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresAutoConfiguration {

	static final String DATABASE = "postgres";

	static final String USER = "postgres";

	@Bean
	EmbeddedPostgresPassword embeddedPostgresPassword(EmbeddedPostgresProperties properties) throws IOException {
		return EmbeddedPostgresPassword.of(properties.dataDirectory());
	}

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties, EmbeddedPostgresPassword password)
			throws IOException {
		return EmbeddedPostgresServer.start(properties, password);
	}

	@Bean
	JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgres postgres,
			EmbeddedPostgresPassword password) {
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return USER;
			}

			@Override
			public String getPassword() {
				return password.value();
			}

			@Override
			public String getJdbcUrl() {
				return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
			}

		};
	}

}
