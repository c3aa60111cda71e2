package io.simmixmatch.workers;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.simmixmatch.database.PostgresNotifications;
import io.simmixmatch.runs.RunQueued;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts launched runs into the durable queue, in the launching transaction, and wakes the
 * idle workers when it commits.
 */
@Component
class RunQueue {

	/** A run was queued; the payload is its id. */
	static final String QUEUED = "run_queued";

	private final SchedulerClient queue;

	private final PostgresNotifications notifications;

	private final Clock clock;

	RunQueue(SchedulerClient queue, PostgresNotifications notifications, Clock clock) {
		this.queue = queue;
		this.notifications = notifications;
		this.clock = clock;
	}

	@EventListener
	void enqueue(RunQueued run) {
		this.queue.scheduleIfNotExists(TrainRunTask.instance(run.runId(), run.priority()), this.clock.instant());
		this.notifications.send(QUEUED, Long.toString(run.runId()));
	}

}
