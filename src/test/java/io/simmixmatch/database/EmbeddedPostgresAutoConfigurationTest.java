package io.simmixmatch.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class));

	@Test
	void startsAnEmbeddedServerWhenNoDatabaseUrlIsConfigured() {
		this.contextRunner.run((context) -> {
			EmbeddedPostgres postgres = context.getBean(EmbeddedPostgres.class);
			assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl())
				.isEqualTo("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
		});
	}

	@Test
	void leavesTheDatabaseToTheConfiguredUrl() {
		this.contextRunner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/simmixmatch")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgres.class)
				.doesNotHaveBean(JdbcConnectionDetails.class));
	}

	@Test
	void dataSurvivesARestartOfTheServer(@TempDir Path dataDirectory) throws Exception {
		EmbeddedPostgresProperties properties = new EmbeddedPostgresProperties(dataDirectory, 0,
				Duration.ofSeconds(60));
		try (EmbeddedPostgres postgres = EmbeddedPostgresServer.start(properties);
				Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table survivor (name text)");
			statement.execute("insert into survivor values ('run 1')");
		}
		try (EmbeddedPostgres postgres = EmbeddedPostgresServer.start(properties);
				Connection connection = postgres.getPostgresDatabase().getConnection()) {
			assertThat(query(connection, "select name from survivor")).isEqualTo("run 1");
			assertThat(query(connection, "show fsync")).isEqualTo("on");
			assertThat(query(connection, "show synchronous_commit")).isEqualTo("on");
		}
	}

	private static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

}
