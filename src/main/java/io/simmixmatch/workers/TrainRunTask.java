package io.simmixmatch.workers;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.simmixmatch.runs.RunEvent;
import io.simmixmatch.runs.RunEvents;
import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.runs.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue entry of a run: db-scheduler's task {@code train-run}, one instance per run
 * id. A worker that picks it trains the run; when training returns the entry is removed,
 * or put back at the head of the queue if the worker handed the run back. A failed
 * attempt and a dead worker both count against the run's attempts: the run is retried
 * after a delay, and ends FAILED with the error when none are left. A worker whose
 * supervisor saw it exit is named with how it ended, and a run whose worker was killed by
 * SIGKILL twice (out of memory, most likely) is not retried again.
 */
final class TrainRunTask {

	static final String NAME = "train-run";

	private static final Logger log = LoggerFactory.getLogger(TrainRunTask.class);

	private static final int KILLS_BEFORE_FAILING = 2;

	private TrainRunTask() {
	}

	static TaskInstance<Void> instance(long runId, int priority) {
		return new TaskInstance.Builder<Void>(NAME, Long.toString(runId)).priority(priority).build();
	}

	static CustomTask<Void> create(RunTrainer trainer, RunLedger ledger, WorkerRegistry registry, RunEvents events,
			WorkerProperties properties, WorkerMeters meters, Clock clock) {
		Attempts attempts = new Attempts(ledger, registry, events, properties, meters, clock);
		return Tasks.custom(NAME, Void.class)
			.onFailure(attempts)
			.onDeadExecution(attempts)
			.execute((instance, context) -> switch (trainer.train(Long.parseLong(instance.getId()))) {
				case ENDED -> new CompletionHandler.OnCompleteRemove<>();
				case HANDED_BACK -> (complete, operations) -> {
					operations.reschedule(complete, clock.instant());
					events.publish(new RunEvent.Requeued(Long.parseLong(instance.getId())));
				};
			});
	}

	/** Retries a failed attempt, or a dead worker's, until the run has none left. */
	private static final class Attempts implements FailureHandler<Void>, DeadExecutionHandler<Void> {

		private final RunLedger ledger;

		private final WorkerRegistry registry;

		private final RunEvents events;

		private final WorkerProperties properties;

		private final WorkerMeters meters;

		private final Clock clock;

		Attempts(RunLedger ledger, WorkerRegistry registry, RunEvents events, WorkerProperties properties,
				WorkerMeters meters, Clock clock) {
			this.ledger = ledger;
			this.registry = registry;
			this.events = events;
			this.properties = properties;
			this.meters = meters;
			this.clock = clock;
		}

		@Override
		public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
			this.meters.failed();
			Optional<String> outOfMemory = complete.getCause().flatMap(OutOfMemory::in);
			if (outOfMemory.isPresent()) {
				fail(complete, operations, "Out of memory in a training step (" + outOfMemory.get()
						+ "); lower batchSize, unlabeledRatio or k, or train on a device with more memory");
				return;
			}
			String error = complete.getCause().map(Attempts::describe).orElse("unknown error");
			retryOrFail(complete, operations, error, this.properties.retryDelay());
		}

		@Override
		public void deadExecution(ExecutionComplete complete, ExecutionOperations<Void> operations) {
			this.meters.failed();
			String pickedBy = complete.getExecution().pickedBy;
			String worker = Optional.ofNullable(pickedBy).orElse("its worker");
			Optional<WorkerExit> exit = Optional.ofNullable(pickedBy)
				.flatMap(this.registry::forget)
				.map(WorkerExit::new);
			String error = exit.map((ended) -> ended.describe(worker))
				.orElse(worker + " stopped sending heartbeats for " + this.properties.deadAfter().toSeconds() + " s");
			if (exit.filter(WorkerExit::killed).isPresent()
					&& this.ledger.countKilledAttempt(runId(complete)) >= KILLS_BEFORE_FAILING) {
				fail(complete, operations, error + "; killed " + KILLS_BEFORE_FAILING
						+ " times, so not retried: lower batchSize, unlabeledRatio or k, or give the workers more memory");
				return;
			}
			retryOrFail(complete, operations, error, Duration.ZERO);
			// Its last checkpoint is in the database: resume it now, on whichever worker
			// is idle.
			this.events.publish(new RunEvent.Requeued(runId(complete)));
		}

		private void retryOrFail(ExecutionComplete complete, ExecutionOperations<Void> operations, String error,
				Duration delay) {
			int attempt = attempt(complete);
			if (attempt >= this.properties.maxAttempts()) {
				fail(complete, operations, error);
			}
			else {
				log.warn("Run {} failed on attempt {} of {} ({}); retrying in {}", runId(complete), attempt,
						this.properties.maxAttempts(), error, delay);
				this.ledger.handBack(runId(complete), "attempt " + attempt + " failed: " + error);
				operations.reschedule(complete, this.clock.instant().plus(delay));
			}
		}

		private void fail(ExecutionComplete complete, ExecutionOperations<Void> operations, String error) {
			log.error("Run {} failed on attempt {}: {}", runId(complete), attempt(complete), error);
			this.ledger.finish(runId(complete), RunStatus.FAILED, error, null, null);
			operations.stop();
		}

		private static long runId(ExecutionComplete complete) {
			return Long.parseLong(complete.getExecution().taskInstance.getId());
		}

		// db-scheduler counts the failures before this one.
		private static int attempt(ExecutionComplete complete) {
			return complete.getExecution().consecutiveFailures + 1;
		}

		private static String describe(Throwable failure) {
			Throwable root = failure;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			String message = root.getClass().getSimpleName()
					+ ((root.getMessage() != null) ? ": " + root.getMessage() : "");
			return (message.length() > 2000) ? message.substring(0, 2000) : message;
		}

	}

}
