package io.simmixmatch.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure because the database cannot be reached (it is down, restarting or cut
 * off) from one it answered: the first may be retried once it is back, the second not.
 */
@Component
public class DatabaseAvailability {

	private final ObjectProvider<DataSource> dataSource;

	/**
	 * Creates the check.
	 * @param dataSource where fresh connections come from, if there is a database
	 */
	public DatabaseAvailability(ObjectProvider<DataSource> dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Whether a failure comes from the database being unreachable: the failure says so,
	 * or a fresh connection cannot be had now.
	 * @param failure what a database call threw
	 * @return whether the database is unavailable
	 */
	public boolean isUnavailable(Throwable failure) {
		return isConnectionFailure(failure) || !isReachable();
	}

	// SQLState class 08 is a connection failure; 57P01..57P03, a server shutting down or
	// starting. A failed rollback hides the original failure among its suppressed ones.
	private static boolean isConnectionFailure(Throwable failure) {
		if (failure instanceof CannotCreateTransactionException
				|| failure instanceof DataAccessResourceFailureException) {
			return true;
		}
		Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		while (!pending.isEmpty()) {
			Throwable next = pending.pop();
			if (!seen.add(next)) {
				continue;
			}
			if (next instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
			if (next.getCause() != null) {
				pending.push(next.getCause());
			}
			pending.addAll(List.of(next.getSuppressed()));
		}
		return false;
	}

	// A pooled connection that broke fails with no telling SQLState; a new one tells.
	private boolean isReachable() {
		DataSource source = this.dataSource.getIfAvailable();
		if (source == null) {
			return true;
		}
		try (Connection connection = source.getConnection()) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
