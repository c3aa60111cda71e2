package io.simmixmatch.workers;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import io.simmixmatch.runs.RunEvent;
import io.simmixmatch.runs.RunEvents;
import io.simmixmatch.workers.WorkerRegistry.WorkerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A worker process: one db-scheduler instance with one execution thread, so the process
 * trains at most one run at a time on its device. It wakes on a queue notification
 * instead of waiting for its next poll, stops a cancelled run within a step, and on
 * shutdown checkpoints the run it trains and hands it back to the queue.
 */
class RunWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

	private final WorkerIdentity identity;

	private final RunTrainer trainer;

	private final WorkerRegistry registry;

	private final WorkerProperties properties;

	private final Scheduler scheduler;

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "worker-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final Instant startedAt;

	private volatile boolean running;

	private volatile boolean stopping;

	RunWorker(WorkerIdentity identity, RunTrainer trainer, Task<Void> task, DataSource dataSource, RunEvents events,
			WorkerRegistry registry, WorkerProperties properties, Clock clock) {
		this.identity = identity;
		this.trainer = trainer;
		this.registry = registry;
		this.properties = properties;
		this.startedAt = clock.instant();
		this.scheduler = scheduler(dataSource, task, identity.name(), properties);
		events.subscribe((event) -> {
			if (event instanceof RunEvent.Queued || event instanceof RunEvent.Requeued) {
				this.scheduler.triggerCheckForDueExecutions();
			}
			else if (event instanceof RunEvent.CancelRequested cancel) {
				trainer.cancelRequested(cancel.runId());
			}
		});
	}

	/**
	 * The queue poller of a worker: one execution thread, so it picks a run only when it
	 * has none.
	 * @param dataSource the database of the queue
	 * @param task the task it executes
	 * @param name the worker's name, which the executions it picks record
	 * @param properties its heartbeats, polls and shutdown
	 * @return the scheduler, not started
	 */
	static Scheduler scheduler(DataSource dataSource, Task<?> task, String name, WorkerProperties properties) {
		return Scheduler.create(dataSource, task)
			.schedulerName(new SchedulerName.Fixed(name))
			.threads(1)
			// The single-statement lock-and-fetch, UPDATE ... WHERE IN (SELECT ... FOR
			// UPDATE SKIP LOCKED LIMIT 1), may pick every queued run in one poll:
			// PostgreSQL runs the sub-select again for each row it updates, skipping the
			// rows just picked (its bug #15715, answered as designed). Picked runs
			// waiting behind the one thread get no heartbeats, count as dead 30 s later
			// and are retried elsewhere while this worker still holds them. The generic
			// one selects with the limit, then updates what it locked.
			.jdbcCustomization(new PostgreSqlJdbcCustomization(true, false))
			.pollUsingLockAndFetch(0.5, 1.0)
			.enablePriority()
			.pollingInterval(properties.pollInterval())
			.heartbeatInterval(properties.heartbeatInterval())
			.missedHeartbeatsLimit(properties.missedHeartbeats())
			.shutdownMaxWait(properties.shutdownTimeout())
			.build();
	}

	@Override
	public void start() {
		log.info("Worker {} trains on {}", this.identity.name(), this.identity.deviceName());
		exitWithParent();
		heartbeat();
		long interval = this.properties.heartbeatInterval().toMillis();
		this.heartbeats.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
		this.scheduler.start();
		this.running = true;
	}

	@Override
	public void stop() {
		log.info("Worker {} stopping: checkpointing and handing back its run, if any", this.identity.name());
		this.stopping = true;
		this.trainer.shutDown();
		this.registry.heartbeat(this.identity, WorkerState.STOPPING, this.trainer.activeRun().orElse(null),
				this.startedAt);
		this.scheduler.stop();
		this.heartbeats.shutdownNow();
		this.registry.remove(this.identity);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// An orphan would keep a device and fail against a database that is gone.
	private void exitWithParent() {
		Long parent = this.properties.parentPid();
		if (parent == null) {
			return;
		}
		ProcessHandle.of(parent)
			.map(ProcessHandle::onExit)
			.orElse(CompletableFuture.completedFuture(null))
			.thenRun(() -> {
				log.warn("The process that launched worker {} is gone; stopping", this.identity.name());
				new Thread(() -> System.exit(0), "orphaned-worker-exit").start();
			});
	}

	private void heartbeat() {
		try {
			Long runId = this.trainer.activeRun().orElse(null);
			WorkerState state = this.stopping ? WorkerState.STOPPING
					: (runId != null) ? WorkerState.TRAINING : WorkerState.IDLE;
			this.registry.heartbeat(this.identity, state, runId, this.startedAt);
		}
		catch (RuntimeException ex) {
			log.warn("Worker heartbeat failed: {}", ex.getMessage());
		}
	}

}
