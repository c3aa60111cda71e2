package io.simmixmatch.runs;

import java.time.Duration;
import java.util.OptionalInt;

import io.simmixmatch.database.PostgresNotifications;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.EventStreams;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of runs: {@code run} (the run as {@code GET /runs/{id}} shows it)
 * whenever its status or progress changes, and {@code epoch} (one point of its curve)
 * whenever an epoch is recorded. A new stream starts with the run and the epochs so far;
 * it ends after the run ends. Whichever process trains the run, the change reaches every
 * API instance through PostgreSQL notifications.
 */
@Component
class RunEventStreams {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final TrainingRunRepository runs;

	private final EpochMetricRepository metrics;

	private final EventStreams streams = new EventStreams(TIMEOUT);

	RunEventStreams(TrainingRunRepository runs, EpochMetricRepository metrics, PostgresNotifications notifications) {
		this.runs = runs;
		this.metrics = metrics;
		notifications.subscribe(RunChannels.EVENTS, this::relay);
	}

	SseEmitter open(long runId) {
		TrainingRun run = this.runs.findById(runId).orElseThrow(() -> ApiProblems.notFound("run", runId));
		SseEmitter emitter = this.streams.open(runId);
		EventStreams.send(emitter, "run", RunResponse.of(run));
		this.metrics.findByIdRunIdOrderByIdEpoch(runId)
			.forEach((metric) -> EventStreams.send(emitter, "epoch", EpochMetricResponse.of(metric)));
		if (run.getStatus().isTerminal()) {
			emitter.complete();
		}
		return emitter;
	}

	private void relay(String payload) {
		long runId = RunChannels.runId(payload);
		if (!this.streams.isWatched(runId)) {
			return;
		}
		OptionalInt epoch = RunChannels.epoch(payload);
		if (epoch.isPresent()) {
			this.metrics.findById(new EpochMetric.Key(runId, epoch.getAsInt()))
				.map(EpochMetricResponse::of)
				.ifPresent((metric) -> this.streams.sendAll(runId, "epoch", metric));
			return;
		}
		this.runs.findById(runId).ifPresent((run) -> {
			this.streams.sendAll(runId, "run", RunResponse.of(run));
			if (run.getStatus().isTerminal()) {
				this.streams.completeAll(runId);
			}
		});
	}

}
