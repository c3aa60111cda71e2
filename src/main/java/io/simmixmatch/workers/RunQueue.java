package io.simmixmatch.workers;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.simmixmatch.runs.RunEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts launched runs into the durable queue, in the launching transaction; the idle
 * workers wake when the {@link RunEvent.Queued} event reaches them, after it commits.
 */
@Component
class RunQueue {

	private final SchedulerClient queue;

	private final Clock clock;

	RunQueue(SchedulerClient queue, Clock clock) {
		this.queue = queue;
		this.clock = clock;
	}

	@EventListener
	void enqueue(RunEvent.Queued run) {
		this.queue.scheduleIfNotExists(TrainRunTask.instance(run.runId(), run.priority()), this.clock.instant());
	}

}
