package io.simmixmatch.workers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code worker} table: every worker process upserts its row with each heartbeat, so
 * any instance can show the pool, and removes it when it stops.
 */
class WorkerRegistry {

	/** How long the row of a worker that vanished stays visible as such. */
	private static final Duration FORGET_AFTER = Duration.ofHours(1);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	WorkerRegistry(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void heartbeat(WorkerIdentity identity, WorkerState state, @Nullable Long runId, Instant startedAt) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.update("""
				insert into worker (name, host, pid, devices, state, run_id, started_at, heartbeat_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (name) do update
				set state = excluded.state, run_id = excluded.run_id, heartbeat_at = excluded.heartbeat_at""",
				identity.name(), WorkerNames.host(), ProcessHandle.current().pid(), identity.deviceName(), state.name(),
				runId, Timestamp.from(startedAt), now);
		this.jdbc.update("delete from worker where heartbeat_at < ?",
				Timestamp.from(this.clock.instant().minus(FORGET_AFTER)));
	}

	void remove(WorkerIdentity identity) {
		this.jdbc.update("delete from worker where name = ?", identity.name());
	}

	List<WorkerStatus> all(Duration deadAfter) {
		Instant now = this.clock.instant();
		return this.jdbc.query("select * from worker order by name", (row, index) -> {
			Instant heartbeat = row.getTimestamp("heartbeat_at").toInstant();
			boolean alive = Duration.between(heartbeat, now).compareTo(deadAfter) <= 0;
			return new WorkerStatus(row.getString("name"), row.getString("devices"),
					alive ? WorkerState.valueOf(row.getString("state")) : WorkerState.LOST,
					row.getObject("run_id", Long.class), heartbeat);
		});
	}

	/** What a worker is doing. */
	enum WorkerState {

		IDLE, TRAINING, STOPPING,

		/** No heartbeat for longer than a worker may stay silent. */
		LOST

	}

	/**
	 * A worker as the pool shows it.
	 *
	 * @param name its name
	 * @param device its device
	 * @param state what it does
	 * @param runId the run it trains
	 * @param heartbeatAt its last heartbeat
	 */
	record WorkerStatus(String name, String device, WorkerState state, @Nullable Long runId, Instant heartbeatAt) {
	}

}
