package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.simmixmatch.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * A disk that fills up while a checkpoint is written: the write goes to
 * {@code <name>.partial}, here a link to {@code /dev/full}, which fails every write with
 * ENOSPC as a full disk does. The checkpoint written before stays whole.
 */
class CheckpointDiskFullTest {

	private static final Path FULL_DISK = Path.of("/dev/full");

	@Test
	void aFullDiskFailsTheWriteAndLeavesThePreviousCheckpointWhole(@TempDir Path directory) throws IOException {
		Prerequisites.require(Files.isWritable(FULL_DISK), "needs /dev/full (Linux)");
		Path best = TrainedCheckpoints.supervised(directory, 1);
		byte[] before = Files.readAllBytes(best);
		try (var checkpoints = Files.list(directory)) {
			for (Path checkpoint : checkpoints.toList()) {
				Files.createSymbolicLink(checkpoint.resolveSibling(checkpoint.getFileName() + ".partial"), FULL_DISK);
			}
		}

		assertThatIOException().isThrownBy(() -> TrainedCheckpoints.supervised(directory, 2))
			.withMessageContaining("No space left on device");

		assertThat(Files.readAllBytes(best)).isEqualTo(before);
		assertThat(CheckpointFile.readMetadata(best).epoch()).isEqualTo(1);
	}

}
