package io.simmixmatch.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
		try (EmbeddedPostgres postgres = EmbeddedPostgresServer.start(properties,
				EmbeddedPostgresPassword.of(dataDirectory));
				Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table survivor (name text)");
			statement.execute("insert into survivor values ('run 1')");
		}
		// The second start reads the password the first one kept
		try (EmbeddedPostgres postgres = EmbeddedPostgresServer.start(properties,
				EmbeddedPostgresPassword.of(dataDirectory));
				Connection connection = postgres.getPostgresDatabase().getConnection()) {
			assertThat(query(connection, "select name from survivor")).isEqualTo("run 1");
			assertThat(query(connection, "show fsync")).isEqualTo("on");
			assertThat(query(connection, "show synchronous_commit")).isEqualTo("on");
		}
	}

	@Test
	void aConnectionWithoutThePasswordIsRefused() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(EmbeddedPostgres.class).getPort();
			JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);

			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(port, null).close())
				.withMessageContaining("password");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(port, "guess").close())
				.withMessageContaining("password authentication failed");
			try (Connection connection = connect(port, details.getPassword())) {
				assertThat(query(connection, "select 1")).isEqualTo("1");
			}
		});
	}

	@Test
	void aDataDirectoryThatTrustedEveryoneRequiresThePasswordFromItsNextStart(@TempDir Path dataDirectory)
			throws Exception {
		try (EmbeddedPostgres trusting = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start(); Connection connection = connect(trusting.getPort(), null)) {
			query(connection, "create table survivor as select 'run 1' as name");
		}
		EmbeddedPostgresProperties properties = new EmbeddedPostgresProperties(dataDirectory, 0,
				Duration.ofSeconds(60));
		EmbeddedPostgresPassword password = EmbeddedPostgresPassword.of(dataDirectory);

		try (EmbeddedPostgres postgres = EmbeddedPostgresServer.start(properties, password)) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(postgres.getPort(), null).close());
			try (Connection connection = connect(postgres.getPort(), password.value())) {
				assertThat(query(connection, "select name from survivor")).isEqualTo("run 1");
			}
		}
		Path kept = dataDirectory.resolve(EmbeddedPostgresPassword.FILE_NAME);
		assertThat(Files.readString(kept)).isEqualTo(password.value());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
	}

	private static Connection connect(int port, @Nullable String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		if (password != null) {
			properties.setProperty("password", password);
		}
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", properties);
	}

	private static @Nullable String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (!statement.execute(sql)) {
				return null;
			}
			try (ResultSet result = statement.getResultSet()) {
				assertThat(result.next()).isTrue();
				return result.getString(1);
			}
		}
	}

}
