package io.simmixmatch.runs;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.simmixmatch.training.CheckpointKind;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a run. {@link RunEvents} publishes each one inside the
 * transaction that made it happen: listeners in the same process hear it there (and may
 * write in that transaction), every process hears it once the transaction commits.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = RunEvent.Queued.class, name = "queued"),
		@JsonSubTypes.Type(value = RunEvent.Requeued.class, name = "requeued"),
		@JsonSubTypes.Type(value = RunEvent.Started.class, name = "started"),
		@JsonSubTypes.Type(value = RunEvent.Progressed.class, name = "progressed"),
		@JsonSubTypes.Type(value = RunEvent.EpochRecorded.class, name = "epoch-recorded"),
		@JsonSubTypes.Type(value = RunEvent.CheckpointStored.class, name = "checkpoint-stored"),
		@JsonSubTypes.Type(value = RunEvent.CancelRequested.class, name = "cancel-requested"),
		@JsonSubTypes.Type(value = RunEvent.HandedBack.class, name = "handed-back"),
		@JsonSubTypes.Type(value = RunEvent.Finished.class, name = "finished") })
public sealed interface RunEvent {

	/**
	 * The run this is about.
	 * @return its id
	 */
	long runId();

	/**
	 * A client launched the run.
	 *
	 * @param runId the run
	 * @param priority its priority among queued runs
	 */
	record Queued(long runId, int priority) implements RunEvent {
	}

	/**
	 * The queue holds the run again for any idle worker: after a hand-back or a dead
	 * worker.
	 *
	 * @param runId the run
	 */
	record Requeued(long runId) implements RunEvent {
	}

	/**
	 * A worker started an attempt of the run.
	 *
	 * @param runId the run
	 * @param worker the worker's name
	 */
	record Started(long runId, String worker) implements RunEvent {
	}

	/**
	 * The run got this far: after its steps, or back to its checkpoint's step as it
	 * resumes.
	 *
	 * @param runId the run
	 * @param step steps done
	 * @param totalSteps steps it will have done at its end
	 */
	record Progressed(long runId, long step, long totalSteps) implements RunEvent {
	}

	/**
	 * The run recorded an epoch.
	 *
	 * @param runId the run
	 * @param epoch the epoch, from 1
	 * @param validationTop1 its validation top-1, or null without a validation set
	 */
	record EpochRecorded(long runId, int epoch, @Nullable Double validationTop1) implements RunEvent {
	}

	/**
	 * The run stored a checkpoint.
	 *
	 * @param runId the run
	 * @param kind why it was written
	 */
	record CheckpointStored(long runId, CheckpointKind kind) implements RunEvent {
	}

	/**
	 * A client, or a study's stopping rule, asked the running run to stop.
	 *
	 * @param runId the run
	 */
	record CancelRequested(long runId) implements RunEvent {
	}

	/**
	 * An attempt gave the run back, to resume later from its last checkpoint.
	 *
	 * @param runId the run
	 */
	record HandedBack(long runId) implements RunEvent {
	}

	/**
	 * The run ended.
	 *
	 * @param runId the run
	 * @param outcome SUCCEEDED, FAILED or CANCELLED
	 */
	record Finished(long runId, RunStatus outcome) implements RunEvent {
	}

}
