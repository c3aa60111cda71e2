package io.simmixmatch.workers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ai.djl.Device;
import io.simmixmatch.workers.WorkerRegistry.WorkerState;
import io.simmixmatch.workers.WorkerRegistry.WorkerStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The pool as the {@code worker} table shows it, on a real PostgreSQL: a worker that
 * exited, one that went silent, and the rows left by processes that are gone.
 */
@SpringBootTest
class WorkerRegistryTest {

	private static final Duration DEAD_AFTER = Duration.ofSeconds(30);

	private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

	@Autowired
	private JdbcTemplate jdbc;

	private WorkerRegistry registry;

	private long runId;

	@BeforeEach
	void emptyPool() {
		this.jdbc.update("delete from worker");
		this.jdbc.update("delete from scheduled_tasks");
		this.registry = new WorkerRegistry(this.jdbc, Clock.fixed(NOW, Clock.systemUTC().getZone()));
		this.runId = this.jdbc.queryForObject("""
				insert into training_run (name, dataset_id, algorithm, preset, hyperparameters, status, total_epochs,
				  total_steps, created_at) values ('run', 'fashion-mnist', 'SUPERVISED', 'fashion-mnist', '{}',
				  'RUNNING', 1, 1, now()) returning id""", Long.class);
	}

	@Test
	void aWorkerThatExitedShowsHowAndItsRunIsDueForTheDeadExecutionCheckAtOnce() {
		long pid = 4_000_001;
		heartbeat("vm-" + pid, pid, WorkerState.TRAINING, this.runId, NOW);
		this.jdbc.update("""
				insert into scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
				  last_heartbeat, version) values ('train-run', ?, ?, true, ?, ?, 1)""", Long.toString(this.runId),
				Timestamp.from(NOW), "vm-" + pid, Timestamp.from(NOW));

		this.registry.exited(pid, WorkerExit.KILLED);

		assertThat(this.registry.all(DEAD_AFTER)).singleElement()
			.satisfies((worker) -> assertThat(worker.state()).isEqualTo(WorkerState.EXITED))
			.satisfies((worker) -> assertThat(worker.exitStatus()).isEqualTo(WorkerExit.KILLED))
			.satisfies((worker) -> assertThat(worker.runId()).as("its run is no longer its own").isNull());
		Timestamp lastHeartbeat = this.jdbc.queryForObject(
				"select last_heartbeat from scheduled_tasks where task_instance = ?", Timestamp.class,
				Long.toString(this.runId));
		assertThat(lastHeartbeat.toInstant()).as("older than any dead-execution limit").isEqualTo(Instant.EPOCH);
		assertThat(this.registry.forget("vm-" + pid)).contains(WorkerExit.KILLED);
		assertThat(this.registry.all(DEAD_AFTER)).isEmpty();
	}

	@Test
	void aSilentWorkerIsLostWithoutItsRunAndForgottenAfterTenMinutes() {
		heartbeat("silent", 4_000_002, WorkerState.TRAINING, this.runId, NOW.minusSeconds(31));
		heartbeat("alive", 4_000_003, WorkerState.TRAINING, this.runId, NOW.minusSeconds(29));

		assertThat(this.registry.all(DEAD_AFTER))
			.extracting(WorkerStatus::name, WorkerStatus::state, WorkerStatus::runId)
			.containsExactly(tuple("alive", WorkerState.TRAINING, this.runId), tuple("silent", WorkerState.LOST, null));

		heartbeat("long-gone", 4_000_004, WorkerState.IDLE, null, NOW.minus(Duration.ofMinutes(11)));
		this.registry.heartbeat(new WorkerIdentity("alive", List.of(Device.cpu()), 1L << 34), WorkerState.IDLE, null,
				NOW);
		assertThat(this.registry.all(DEAD_AFTER)).extracting(WorkerStatus::name).containsExactly("alive", "silent");
	}

	@Test
	void rowsOfThisHostsVanishedProcessesAreForgotten() {
		long gone = ProcessHandle.current().pid() + 1_000_000;
		heartbeat("gone", gone, WorkerState.TRAINING, this.runId, NOW);
		heartbeat("this-process", ProcessHandle.current().pid(), WorkerState.IDLE, null, NOW);

		this.registry.forgetVanishedProcesses();

		assertThat(this.registry.all(DEAD_AFTER)).extracting(WorkerStatus::name).containsExactly("this-process");
	}

	private void heartbeat(String name, long pid, WorkerState state, Long runId, Instant at) {
		this.jdbc.update("""
				insert into worker (name, host, pid, devices, state, run_id, started_at, heartbeat_at)
				values (?, ?, ?, 'cpu', ?, ?, ?, ?)""", name, WorkerNames.host(), pid, state.name(), runId,
				Timestamp.from(at), Timestamp.from(at));
	}

}
