package io.simmixmatch.datasets;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.simmixmatch.ServiceRole;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The durable queue of imports, on db-scheduler as the training runs are, in a table of
 * its own: an upload enqueues its import in the transaction that records its data set,
 * and an API instance runs it, one at a time. An import whose instance went away (its
 * heartbeats stop for 30 s) or stopped runs again from the start, on another instance or
 * on this one after a restart, from the archive staged in the blob store; the third time
 * an import is left so, it fails with the reason. Worker processes run no imports.
 */
@Component
class ImportQueue implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ImportQueue.class);

	static final String TABLE = "dataset_import_tasks";

	static final String TASK = "dataset-import";

	private static final int ATTEMPTS = 3;

	private static final Duration HEARTBEAT = Duration.ofSeconds(5);

	private static final int MISSED_HEARTBEATS = 6;

	private final DatasetImporter importer;

	private final Clock clock;

	private final boolean runsImports;

	private final DataSource dataSource;

	private final Serializer serializer;

	private final OneTimeTask<ImportJob> task;

	private final SchedulerClient client;

	private volatile @Nullable Scheduler scheduler;

	private volatile boolean running;

	ImportQueue(DataSource dataSource, DatasetImporter importer, JsonMapper json, Clock clock,
			@Value("${simmixmatch.role:both}") ServiceRole role) {
		this.dataSource = dataSource;
		this.importer = importer;
		this.clock = clock;
		this.runsImports = role != ServiceRole.WORKER;
		this.task = Tasks.oneTime(TASK, ImportJob.class)
			.onFailure(this::interrupted)
			.onDeadExecution(this::abandoned)
			.execute((instance, context) -> importer.run(instance.getId(), instance.getData(), () -> !this.running));
		this.serializer = new JsonSerializer(json);
		this.client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), this.task)
			.tableName(TABLE)
			.serializer(this.serializer)
			.build();
	}

	// A stopped scheduler cannot start again, and a context (a test's, paused between
	// its tests) may start and stop many times.
	private Scheduler newScheduler() {
		return Scheduler.create(this.dataSource, this.task)
			.tableName(TABLE)
			.serializer(this.serializer)
			.threads(1)
			// As the workers' queue: the generic lock-and-fetch picks one row per poll.
			.jdbcCustomization(new PostgreSqlJdbcCustomization(true, false))
			.pollUsingLockAndFetch(0.5, 1.0)
			.heartbeatInterval(HEARTBEAT)
			.missedHeartbeatsLimit(MISSED_HEARTBEATS)
			.shutdownMaxWait(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Queues an import in the caller's transaction, to start once it commits.
	 * @param datasetId the data set, IMPORTING
	 * @param job its archive and options
	 */
	void enqueue(String datasetId, ImportJob job) {
		this.client.scheduleIfNotExists(this.task.instance(datasetId, job), this.clock.instant());
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				Scheduler scheduler = ImportQueue.this.scheduler;
				if (scheduler != null) {
					scheduler.triggerCheckForDueExecutions();
				}
			}

		});
	}

	@Override
	public boolean isAutoStartup() {
		return this.runsImports;
	}

	@Override
	public void start() {
		Scheduler scheduler = newScheduler();
		this.scheduler = scheduler;
		this.running = true;
		scheduler.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Scheduler scheduler = this.scheduler;
		this.scheduler = null;
		if (scheduler != null) {
			scheduler.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// The importer records every failure of its own; what reaches here is a shutdown's
	// interruption, or an error it could not catch.
	private void interrupted(ExecutionComplete complete, ExecutionOperations<ImportJob> operations) {
		if (!this.running) {
			operations.reschedule(complete, this.clock.instant());
			return;
		}
		String error = complete.getCause().map(Throwable::toString).orElse("unknown error");
		this.importer.fail(id(complete), job(complete), "The import failed: " + error);
		operations.stop();
	}

	private void abandoned(ExecutionComplete complete, ExecutionOperations<ImportJob> operations) {
		int attempt = complete.getExecution().consecutiveFailures + 1;
		if (attempt < ATTEMPTS) {
			log.warn("Import of data set {} lost its instance {}; running it again", id(complete),
					complete.getExecution().pickedBy);
			operations.reschedule(complete, this.clock.instant());
			return;
		}
		this.importer.fail(id(complete), job(complete), "The import stopped " + attempt + " times without finishing: "
				+ "the service instances running it went away (killed, perhaps out of memory); upload the archive again");
		operations.stop();
	}

	private static String id(ExecutionComplete complete) {
		return complete.getExecution().taskInstance.getId();
	}

	private static ImportJob job(ExecutionComplete complete) {
		return (ImportJob) complete.getExecution().taskInstance.getData();
	}

	/** The queue's rows hold their job as JSON, readable in the table. */
	private record JsonSerializer(JsonMapper json) implements Serializer {

		@Override
		public byte[] serialize(Object data) {
			return this.json.writeValueAsBytes(data);
		}

		@Override
		public <T> T deserialize(Class<T> type, byte[] bytes) {
			return this.json.readValue(bytes, type);
		}

	}

}
