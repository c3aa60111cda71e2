package io.simmixmatch.runs;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.simmixmatch.database.PostgresNotifications;
import io.simmixmatch.web.ApiProblems;

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

	private final Map<Long, List<SseEmitter>> streams = new ConcurrentHashMap<>();

	RunEventStreams(TrainingRunRepository runs, EpochMetricRepository metrics, PostgresNotifications notifications) {
		this.runs = runs;
		this.metrics = metrics;
		notifications.subscribe(RunChannels.EVENTS, this::relay);
	}

	SseEmitter open(long runId) {
		TrainingRun run = this.runs.findById(runId).orElseThrow(() -> ApiProblems.notFound("run", runId));
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		this.streams.computeIfAbsent(runId, (id) -> new CopyOnWriteArrayList<>()).add(emitter);
		emitter.onCompletion(() -> forget(runId, emitter));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> forget(runId, emitter));
		send(emitter, "run", RunResponse.of(run));
		this.metrics.findByIdRunIdOrderByIdEpoch(runId)
			.forEach((metric) -> send(emitter, "epoch", EpochMetricResponse.of(metric)));
		if (run.getStatus().isTerminal()) {
			emitter.complete();
		}
		return emitter;
	}

	private void relay(String payload) {
		long runId = RunChannels.runId(payload);
		List<SseEmitter> listeners = this.streams.getOrDefault(runId, List.of());
		if (listeners.isEmpty()) {
			return;
		}
		OptionalInt epoch = RunChannels.epoch(payload);
		if (epoch.isPresent()) {
			this.metrics.findById(new EpochMetric.Key(runId, epoch.getAsInt()))
				.map(EpochMetricResponse::of)
				.ifPresent((metric) -> listeners.forEach((emitter) -> send(emitter, "epoch", metric)));
			return;
		}
		this.runs.findById(runId).ifPresent((run) -> {
			RunResponse response = RunResponse.of(run);
			listeners.forEach((emitter) -> {
				send(emitter, "run", response);
				if (run.getStatus().isTerminal()) {
					emitter.complete();
				}
			});
		});
	}

	private void forget(long runId, SseEmitter emitter) {
		this.streams.computeIfPresent(runId, (id, listeners) -> {
			listeners.remove(emitter);
			return listeners.isEmpty() ? null : listeners;
		});
	}

	private static void send(SseEmitter emitter, String name, Object data) {
		try {
			emitter.send(SseEmitter.event().name(name).data(data));
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away: the emitter's completion callback forgets it.
			emitter.completeWithError(ex);
		}
	}

}
