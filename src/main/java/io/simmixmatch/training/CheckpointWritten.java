package io.simmixmatch.training;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A checkpoint file the training loop has written, with what it holds, so that whoever
 * keeps it need not open it.
 *
 * @param kind why it was written
 * @param epoch the last epoch completed
 * @param step the steps taken
 * @param validation that epoch's validation accuracy, or null (no epoch yet, or no
 * validation set)
 * @param file where it is
 */
public record CheckpointWritten(CheckpointKind kind, int epoch, long step, @Nullable Accuracy validation, Path file) {

}
