package io.simmixmatch.studies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.simmixmatch.runs.EpochMetricResponse;
import io.simmixmatch.runs.RunEvent;
import io.simmixmatch.runs.RunEvents;
import io.simmixmatch.runs.RunCatalog;
import io.simmixmatch.studies.StudyResponse.StudyStatus;
import io.simmixmatch.web.EventStreams;
import io.simmixmatch.web.EventStreams.Events;
import io.simmixmatch.web.EventStreams.ServerEvent;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of studies: {@code study} whenever one of its runs changes, and
 * {@code epoch} before it when one of its runs records an epoch. A new stream starts with
 * the study and every curve so far, and ends after the study ends. Changes arrive as the
 * runs' {@link RunEvent}s, whichever process trains the runs.
 */
@Component
class StudyEventStreams {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final StudyService studies;

	private final StudyRunRepository members;

	private final RunCatalog runs;

	private final EventStreams streams = new EventStreams(TIMEOUT);

	StudyEventStreams(StudyService studies, StudyRunRepository members, RunCatalog runs, RunEvents events) {
		this.studies = studies;
		this.members = members;
		this.runs = runs;
		events.subscribe(this::relay);
	}

	SseEmitter open(long studyId) {
		return this.streams.open(studyId, () -> {
			StudyResponse study = this.studies.get(studyId);
			List<ServerEvent> history = new ArrayList<>();
			history.add(new ServerEvent("study", study));
			this.studies.curves(studyId)
				.forEach((runId, curve) -> curve.forEach((point) -> history.add(epoch(runId, point))));
			return new Events(history, study.status() == StudyStatus.ENDED);
		});
	}

	private void relay(RunEvent event) {
		if (this.streams.isEmpty()) {
			return;
		}
		long runId = event.runId();
		Long studyId = this.members.findById(runId).map(StudyRun::getStudyId).orElse(null);
		if (studyId == null || !this.streams.isWatched(studyId)) {
			return;
		}
		List<ServerEvent> events = new ArrayList<>();
		if (event instanceof RunEvent.EpochRecorded recorded) {
			this.runs.epoch(runId, recorded.epoch()).ifPresent((point) -> events.add(epoch(runId, point)));
		}
		StudyResponse study = this.studies.get(studyId);
		events.add(new ServerEvent("study", study));
		this.streams.publish(studyId, new Events(events, study.status() == StudyStatus.ENDED));
	}

	private static ServerEvent epoch(long runId, EpochMetricResponse point) {
		return new ServerEvent("epoch", new RunEpoch(runId, point));
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
