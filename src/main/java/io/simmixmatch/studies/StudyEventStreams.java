package io.simmixmatch.studies;

import java.time.Duration;
import java.util.OptionalInt;

import io.simmixmatch.database.PostgresNotifications;
import io.simmixmatch.runs.EpochMetricResponse;
import io.simmixmatch.runs.RunChannels;
import io.simmixmatch.runs.StudyRuns;
import io.simmixmatch.studies.StudyResponse.StudyStatus;
import io.simmixmatch.web.EventStreams;

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

	private final EventStreams streams = new EventStreams(TIMEOUT);

	StudyEventStreams(StudyService studies, StudyRuns runs, PostgresNotifications notifications) {
		this.studies = studies;
		this.runs = runs;
		notifications.subscribe(RunChannels.EVENTS, this::relay);
	}

	SseEmitter open(long studyId) {
		StudyResponse study = this.studies.get(studyId);
		SseEmitter emitter = this.streams.open(studyId);
		EventStreams.send(emitter, "study", study);
		this.runs.curvesOf(studyId)
			.forEach((runId, curve) -> curve
				.forEach((point) -> EventStreams.send(emitter, "epoch", new RunEpoch(runId, point))));
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
		if (studyId == null || !this.streams.isWatched(studyId)) {
			return;
		}
		OptionalInt epoch = RunChannels.epoch(payload);
		if (epoch.isPresent()) {
			this.runs.epochOf(runId, epoch.getAsInt())
				.ifPresent((point) -> this.streams.sendAll(studyId, "epoch", new RunEpoch(runId, point)));
			return;
		}
		StudyResponse study = this.studies.get(studyId);
		this.streams.sendAll(studyId, "study", study);
		if (study.status() == StudyStatus.ENDED) {
			this.streams.completeAll(studyId);
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
