package io.simmixmatch.studies;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.simmixmatch.database.PostgresNotifications;
import io.simmixmatch.runs.EpochMetricResponse;
import io.simmixmatch.runs.RunChannels;
import io.simmixmatch.runs.StudyRuns;
import io.simmixmatch.studies.StudyResponse.StudyStatus;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of studies: {@code study} whenever one of its runs changes, and
 * {@code epoch} whenever one of its runs records an epoch. A new stream starts with the
 * study and every curve so far, and ends after the study ends. Changes arrive through the
 * runs' PostgreSQL notifications, whichever process trains the runs.
 */
@Component
class StudyEventStreams {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final StudyService studies;

	private final StudyRuns runs;

	private final Map<Long, List<SseEmitter>> streams = new ConcurrentHashMap<>();

	StudyEventStreams(StudyService studies, StudyRuns runs, PostgresNotifications notifications) {
		this.studies = studies;
		this.runs = runs;
		notifications.subscribe(RunChannels.EVENTS, this::relay);
	}

	SseEmitter open(long studyId) {
		StudyResponse study = this.studies.get(studyId);
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		this.streams.computeIfAbsent(studyId, (id) -> new CopyOnWriteArrayList<>()).add(emitter);
		emitter.onCompletion(() -> forget(studyId, emitter));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> forget(studyId, emitter));
		send(emitter, "study", study);
		this.runs.curvesOf(studyId)
			.forEach((runId, curve) -> curve.forEach((point) -> send(emitter, "epoch", new RunEpoch(runId, point))));
		if (study.status() == StudyStatus.ENDED) {
			emitter.complete();
		}
		return emitter;
	}

	private void relay(String payload) {
		if (this.streams.isEmpty()) {
			return;
		}
		long runId = RunChannels.runId(payload);
		Long studyId = this.runs.studyOf(runId);
		List<SseEmitter> listeners = (studyId != null) ? this.streams.getOrDefault(studyId, List.of()) : List.of();
		if (listeners.isEmpty()) {
			return;
		}
		OptionalInt epoch = RunChannels.epoch(payload);
		if (epoch.isPresent()) {
			this.runs.curvesOf(studyId)
				.getOrDefault(runId, List.of())
				.stream()
				.filter((point) -> point.epoch() == epoch.getAsInt())
				.map((point) -> new RunEpoch(runId, point))
				.forEach((point) -> listeners.forEach((emitter) -> send(emitter, "epoch", point)));
			return;
		}
		StudyResponse study = this.studies.get(studyId);
		listeners.forEach((emitter) -> {
			send(emitter, "study", study);
			if (study.status() == StudyStatus.ENDED) {
				emitter.complete();
			}
		});
	}

	private void forget(long studyId, SseEmitter emitter) {
		this.streams.computeIfPresent(studyId, (id, listeners) -> {
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

	/**
	 * One point of one run's curve.
	 *
	 * @param runId the run
	 * @param point the point
	 */
	record RunEpoch(long runId, EpochMetricResponse point) {
	}

}
