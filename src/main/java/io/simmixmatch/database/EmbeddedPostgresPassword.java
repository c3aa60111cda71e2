package io.simmixmatch.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's superuser password. Any local process could otherwise connect as
 * superuser: the library's initdb trusts every connection. The password is generated at
 * the first start (256 random bits), kept in the data directory (readable by its owner
 * only, in a directory only its owner may enter), and required from every connection,
 * local socket or TCP, by scram-sha-256. A data directory created before this existed
 * trusts connections; its next start sets the password and rewrites its
 * {@code pg_hba.conf}.
 */
final class EmbeddedPostgresPassword {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresPassword.class);

	/** The file in the data directory that holds the password. */
	static final String FILE_NAME = "simmixmatch.password";

	private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private static final Pattern TRUST = Pattern.compile("\\btrust\\s*$");

	private final String value;

	private EmbeddedPostgresPassword(String value) {
		this.value = value;
	}

	/**
	 * The password of a data directory: the one kept there, or a new one.
	 * @param dataDirectory the server's data directory, or null for a throw-away one
	 * @return the password
	 * @throws IOException if the kept password cannot be read
	 */
	static EmbeddedPostgresPassword of(@Nullable Path dataDirectory) throws IOException {
		Path kept = (dataDirectory != null) ? dataDirectory.resolve(FILE_NAME) : null;
		if (kept != null && Files.isRegularFile(kept)) {
			return new EmbeddedPostgresPassword(Files.readString(kept, StandardCharsets.UTF_8).strip());
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return new EmbeddedPostgresPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
	}

	String value() {
		return this.value;
	}

	/**
	 * Keeps the password in an initialized data directory, unless it is there already.
	 * @param dataDirectory the server's data directory
	 */
	void keepIn(Path dataDirectory) {
		try {
			Path file = Files.createFile(dataDirectory.resolve(FILE_NAME), OWNER_ONLY);
			Files.writeString(file, this.value, StandardCharsets.UTF_8);
		}
		catch (FileAlreadyExistsException ex) {
			// Kept by an earlier start: of() read it from there.
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the password where initdb's {@code --pwfile} reads it.
	 * @return the file, deleted on close
	 * @throws IOException if it cannot be written
	 */
	InitdbFile forInitdb() throws IOException {
		Path file = Files.createTempFile("simmixmatch-initdb-", ".pw", OWNER_ONLY);
		Files.writeString(file, this.value, StandardCharsets.UTF_8);
		return new InitdbFile(file);
	}

	/**
	 * Makes a server whose data directory still trusts connections require the password.
	 * @param postgres the running server
	 * @throws IOException if its {@code pg_hba.conf} cannot be rewritten
	 */
	void requireOf(EmbeddedPostgres postgres) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			Path hba = Path.of(single(statement, "show hba_file"));
			List<String> lines = Files.readAllLines(hba);
			if (lines.stream().noneMatch((line) -> !line.startsWith("#") && TRUST.matcher(line).find())) {
				return;
			}
			log.warn("The embedded PostgreSQL's data directory trusted local connections; "
					+ "it requires the password in {} from now on", FILE_NAME);
			statement.execute("set password_encryption = 'scram-sha-256'");
			statement.execute("alter role postgres password '" + this.value.replace("'", "''") + "'");
			Files.write(hba,
					lines.stream()
						.map((line) -> line.startsWith("#") ? line : TRUST.matcher(line).replaceAll("scram-sha-256"))
						.toList());
			single(statement, "select pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IOException("Could not require a password of the embedded PostgreSQL", ex);
		}
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	/** initdb's copy of the password, deleted once the server runs. */
	record InitdbFile(Path path) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			Files.deleteIfExists(this.path);
		}

	}

}
