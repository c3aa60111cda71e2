package io.simmixmatch.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL's LISTEN/NOTIFY as a small publish-subscribe bus between the service's
 * processes. A notification sent inside a transaction is delivered when it commits, and
 * not at all if it rolls back, so a listener never hears of a change it cannot read yet.
 * One connection per process listens; a lost connection is reopened, and the
 * notifications sent meanwhile are lost: listeners treat them as hints and keep a slower
 * fallback (a poll) where missing one matters.
 */
@Component
public class PostgresNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);

	private static final Pattern CHANNEL = Pattern.compile("[a-z_]{1,63}");

	private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

	private final Set<String> listening = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private Thread thread;

	PostgresNotifications(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Calls a listener with the payload of each notification on a channel, on the
	 * listening thread: a listener returns quickly.
	 * @param channel lower-case letters and underscores
	 * @param listener receives the payloads
	 */
	public void subscribe(String channel, Consumer<String> listener) {
		this.listeners.computeIfAbsent(checked(channel), (name) -> new CopyOnWriteArrayList<>()).add(listener);
	}

	/**
	 * Sends a notification; inside a transaction it is delivered on commit.
	 * @param channel lower-case letters and underscores
	 * @param payload the message, up to a few kilobytes
	 */
	public void send(String channel, String payload) {
		this.jdbc.queryForList("select pg_notify(?, ?)", checked(channel), payload);
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::listen, "postgres-notifications");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.thread.interrupt();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				PGConnection postgres = connection.unwrap(PGConnection.class);
				this.listening.clear();
				while (this.running) {
					listenToNewChannels(connection);
					PGNotification[] notifications = postgres.getNotifications(250);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							dispatch(notification.getName(), notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				if (this.running) {
					log.warn("Lost the notification connection ({}); reconnecting in {}", ex.getMessage(),
							RECONNECT_DELAY);
					sleep(RECONNECT_DELAY);
				}
			}
		}
	}

	private void listenToNewChannels(Connection connection) throws SQLException {
		for (String channel : this.listeners.keySet()) {
			if (!this.listening.contains(channel)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + channel);
				}
				this.listening.add(channel);
			}
		}
	}

	private void dispatch(String channel, String payload) {
		for (Consumer<String> listener : this.listeners.getOrDefault(channel, List.of())) {
			try {
				listener.accept(payload);
			}
			catch (RuntimeException ex) {
				log.warn("A listener of '{}' failed on '{}'", channel, payload, ex);
			}
		}
	}

	private static String checked(String channel) {
		if (!CHANNEL.matcher(channel).matches()) {
			throw new IllegalArgumentException("Not a channel name: " + channel);
		}
		return channel;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
