package io.simmixmatch.workers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code worker} table: every worker process upserts its row with each heartbeat, so
 * any instance can show the pool, and removes it when it stops. A supervisor marks the
 * row of a process that exited without stopping; a row not heard from for ten minutes is
 * forgotten.
 */
class WorkerRegistry {

	/** How long the row of a worker that vanished stays visible as such. */
	private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	WorkerRegistry(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void heartbeat(WorkerIdentity identity, WorkerState state, @Nullable Long runId, Instant startedAt) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.update("""
				insert into worker (name, host, pid, devices, memory_bytes, state, run_id, started_at, heartbeat_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (name) do update
				set state = excluded.state, run_id = excluded.run_id, heartbeat_at = excluded.heartbeat_at""",
				identity.name(), WorkerNames.host(), ProcessHandle.current().pid(), identity.deviceName(),
				identity.memoryBytes(), state.name(), runId, Timestamp.from(startedAt), now);
		this.jdbc.update("delete from worker where heartbeat_at < ?",
				Timestamp.from(this.clock.instant().minus(FORGET_AFTER)));
	}

	void remove(WorkerIdentity identity) {
		this.jdbc.update("delete from worker where name = ?", identity.name());
	}

	/**
	 * Records that a worker process of this host exited without stopping, and makes the
	 * queue entry of its run due for dead-execution handling now rather than after the
	 * heartbeat timeout: db-scheduler checks every two heartbeat intervals.
	 * @param pid the process
	 * @param exitStatus its exit status (128 + the signal's number for a signal)
	 */
	void exited(long pid, int exitStatus) {
		List<String> names = this.jdbc.queryForList("""
				update worker set state = 'EXITED', exit_status = ?, run_id = null
				where host = ? and pid = ? returning name""", String.class, exitStatus, WorkerNames.host(), pid);
		for (String name : names) {
			this.jdbc.update("update scheduled_tasks set last_heartbeat = ? where picked and picked_by = ?",
					Timestamp.from(Instant.EPOCH), name);
		}
	}

	/**
	 * Forgets a worker whose run has been dealt with.
	 * @param name the worker
	 * @return its exit status, if its supervisor saw it exit
	 */
	Optional<Integer> forget(String name) {
		return this.jdbc.queryForList("delete from worker where name = ? returning exit_status", Integer.class, name)
			.stream()
			.filter(Objects::nonNull)
			.findFirst();
	}

	/**
	 * Forgets the workers of this host whose processes are gone (the workers of an
	 * instance that was killed and started again).
	 */
	void forgetVanishedProcesses() {
		this.jdbc.queryForList("select pid from worker where host = ?", Long.class, WorkerNames.host())
			.stream()
			.filter((pid) -> ProcessHandle.of(pid).map((process) -> !process.isAlive()).orElse(true))
			.forEach((pid) -> this.jdbc.update("delete from worker where host = ? and pid = ?", WorkerNames.host(),
					pid));
	}

	/**
	 * The memory of the largest live worker.
	 * @param deadAfter the silence after which a worker is lost
	 * @return its bytes, or empty when no live worker is known
	 */
	OptionalLong largestMemory(Duration deadAfter) {
		Long largest = this.jdbc.queryForObject("""
				select max(memory_bytes) from worker
				where state in ('IDLE', 'TRAINING', 'STOPPING') and heartbeat_at >= ?""", Long.class,
				Timestamp.from(this.clock.instant().minus(deadAfter)));
		return (largest != null) ? OptionalLong.of(largest) : OptionalLong.empty();
	}

	List<WorkerStatus> all(Duration deadAfter) {
		Instant now = this.clock.instant();
		return this.jdbc.query("select * from worker order by name", (row, index) -> {
			Instant heartbeat = row.getTimestamp("heartbeat_at").toInstant();
			WorkerState recorded = WorkerState.valueOf(row.getString("state"));
			boolean silent = Duration.between(heartbeat, now).compareTo(deadAfter) > 0;
			WorkerState state = (silent && recorded != WorkerState.EXITED) ? WorkerState.LOST : recorded;
			// A lost worker's run is no longer its own: the queue hands it to another.
			return new WorkerStatus(row.getString("name"), row.getString("devices"), state,
					state.isAlive() ? row.getObject("run_id", Long.class) : null,
					row.getObject("exit_status", Integer.class), heartbeat);
		});
	}

	/** What a worker is doing. */
	enum WorkerState {

		IDLE, TRAINING, STOPPING,

		/** No heartbeat for longer than a worker may stay silent. */
		LOST,

		/** Its process exited without stopping, as its supervisor saw. */
		EXITED;

		boolean isAlive() {
			return this != LOST && this != EXITED;
		}

	}

	/**
	 * A worker as the pool shows it.
	 *
	 * @param name its name
	 * @param device its device
	 * @param state what it does
	 * @param runId the run it trains
	 * @param exitStatus how its process exited, for EXITED
	 * @param heartbeatAt its last heartbeat
	 */
	record WorkerStatus(String name, String device, WorkerState state, @Nullable Long runId,
			@Nullable Integer exitStatus, Instant heartbeatAt) {
	}

}
