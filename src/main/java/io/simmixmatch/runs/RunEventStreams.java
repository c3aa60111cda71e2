package io.simmixmatch.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.simmixmatch.web.EventStreams;
import io.simmixmatch.web.EventStreams.Events;
import io.simmixmatch.web.EventStreams.ServerEvent;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of runs: {@code run} (the run as {@code GET /runs/{id}} shows it)
 * whenever it changes, and {@code epoch} (one point of its curve) before it when an epoch
 * is recorded. A new stream starts with the run and the epochs so far; it ends after the
 * run ends. Whichever process trains the run, its {@link RunEvent}s reach every API
 * instance.
 */
@Component
class RunEventStreams {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final RunQueries runs;

	private final EventStreams streams = new EventStreams(TIMEOUT);

	RunEventStreams(RunQueries runs, RunEvents events) {
		this.runs = runs;
		events.subscribe(this::relay);
	}

	SseEmitter open(long runId) {
		return this.streams.open(runId, () -> {
			RunResponse run = this.runs.get(runId);
			List<ServerEvent> history = new ArrayList<>();
			history.add(new ServerEvent("run", run));
			this.runs.curves(List.of(runId)).get(runId).forEach((point) -> history.add(epoch(point)));
			return new Events(history, run.status().isTerminal());
		});
	}

	private void relay(RunEvent event) {
		long runId = event.runId();
		if (!this.streams.isWatched(runId)) {
			return;
		}
		List<ServerEvent> events = new ArrayList<>();
		if (event instanceof RunEvent.EpochRecorded recorded) {
			this.runs.epoch(runId, recorded.epoch()).ifPresent((point) -> events.add(epoch(point)));
		}
		this.runs.view(runId).ifPresent((run) -> {
			events.add(new ServerEvent("run", run));
			this.streams.publish(runId, new Events(events, run.status().isTerminal()));
		});
	}

	private static ServerEvent epoch(EpochMetricResponse point) {
		return new ServerEvent("epoch", point);
	}

}
