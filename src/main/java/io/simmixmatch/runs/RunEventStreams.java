package io.simmixmatch.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.EventStreams;
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

	private final TrainingRunRepository runs;

	private final EpochMetricRepository metrics;

	private final EventStreams streams = new EventStreams(TIMEOUT);

	RunEventStreams(TrainingRunRepository runs, EpochMetricRepository metrics, RunEvents events) {
		this.runs = runs;
		this.metrics = metrics;
		events.subscribe(this::relay);
	}

	SseEmitter open(long runId) {
		TrainingRun run = this.runs.findById(runId).orElseThrow(() -> ApiProblems.notFound("run", runId));
		List<ServerEvent> history = new ArrayList<>();
		history.add(new ServerEvent("run", RunResponse.of(run)));
		this.metrics.findByIdRunIdOrderByIdEpoch(runId).forEach((metric) -> history.add(epoch(metric)));
		return this.streams.open(runId, history, run.getStatus().isTerminal());
	}

	private void relay(RunEvent event) {
		long runId = event.runId();
		if (!this.streams.isWatched(runId)) {
			return;
		}
		List<ServerEvent> events = new ArrayList<>();
		if (event instanceof RunEvent.EpochRecorded recorded) {
			this.metrics.findById(new EpochMetric.Key(runId, recorded.epoch()))
				.ifPresent((metric) -> events.add(epoch(metric)));
		}
		this.runs.findById(runId).ifPresent((run) -> {
			events.add(new ServerEvent("run", RunResponse.of(run)));
			this.streams.publish(runId, events, run.getStatus().isTerminal());
		});
	}

	private static ServerEvent epoch(EpochMetric metric) {
		return new ServerEvent("epoch", EpochMetricResponse.of(metric));
	}

}
