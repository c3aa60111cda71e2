package io.simmixmatch.database;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL advisory locks named by strings: writers of one name take turns, across
 * every process on the database.
 */
public final class AdvisoryLocks {

	private AdvisoryLocks() {
	}

	/**
	 * Waits for the lock of a name and holds it until the current transaction ends.
	 * @param jdbc the transaction's connection
	 * @param name what the lock guards, such as {@code "launch " + caller}
	 */
	public static void lockForTransaction(JdbcTemplate jdbc, String name) {
		jdbc.query("select pg_advisory_xact_lock(hashtext(?))", (row) -> {
		}, name);
	}

}
