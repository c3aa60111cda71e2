package io.simmixmatch.runs;

import org.jspecify.annotations.Nullable;

/**
 * A worker recorded an epoch of a study's run, inside the recording transaction: a
 * listener may stop the run in the same transaction.
 *
 * @param runId the run
 * @param studyId its study
 * @param epoch the epoch, from 1
 * @param validationTop1 the epoch's validation top-1 accuracy, or null without a
 * validation set
 */
public record EpochRecorded(long runId, long studyId, int epoch, @Nullable Double validationTop1) {

}
