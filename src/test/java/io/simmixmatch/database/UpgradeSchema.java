package io.simmixmatch.database;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A schema of its own for a test of one upgrade: migrated to the version before it,
 * filled as that version left data, then migrated on.
 */
public final class UpgradeSchema {

	private final DataSource dataSource;

	private final String name;

	private UpgradeSchema(DataSource dataSource, String name) {
		this.dataSource = dataSource;
		this.name = name;
	}

	/**
	 * An empty schema, dropped first where a failed test left it.
	 * @param dataSource the database
	 * @param name the schema's name
	 * @return the schema, with no version yet
	 */
	public static UpgradeSchema empty(DataSource dataSource, String name) {
		new JdbcTemplate(dataSource).execute("drop schema if exists " + name + " cascade");
		return new UpgradeSchema(dataSource, name);
	}

	/**
	 * Migrates the schema up to a version.
	 * @param version the version, such as {@code "17"}
	 */
	public void migrateTo(String version) {
		Flyway.configure().dataSource(this.dataSource).schemas(this.name).target(version).load().migrate();
	}

	/** Drops the schema. */
	public void drop() {
		new JdbcTemplate(this.dataSource).execute("drop schema " + this.name + " cascade");
	}

}
