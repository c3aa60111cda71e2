package io.simmixmatch.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.simmixmatch.checkpoints.Checkpoints;
import io.simmixmatch.checkpoints.StoredCheckpoint;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.CheckpointWritten;
import io.simmixmatch.training.TrainedCheckpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ModelCacheTest {

	private static StoredCheckpoint first;

	private static StoredCheckpoint second;

	private static Map<Long, Path> files;

	@BeforeAll
	static void train(@TempDir Path directory) throws Exception {
		Path a = TrainedCheckpoints.supervised(directory.resolve("a"), 1);
		Path b = TrainedCheckpoints.supervised(directory.resolve("b"), 2);
		first = archived(1, a);
		second = archived(2, b);
		files = Map.of(1L, a, 2L, b);
	}

	@Test
	void loadsACheckpointOnceAndUnloadsTheLeastRecentlyUsedBeyondTheBudget() {
		ModelCache cache = cache(first.sizeBytes() + second.sizeBytes() - 1);
		LoadedModel a = cache.get(first);
		assertThat(cache.get(first)).isSameAs(a);
		LoadedModel b = cache.get(second);
		assertThat(cache.loaded()).containsExactly(b);
		assertThatExceptionOfType(MicroBatcher.Unloaded.class)
			.isThrownBy(() -> a.batcher().submit(new float[a.classifier().imageSize()]));
		assertThat(cache.get(first)).isNotSameAs(a);
		cache.destroy();
	}

	@Test
	void keepsModelsThatFitTheBudget() {
		ModelCache cache = cache(first.sizeBytes() + second.sizeBytes());
		LoadedModel a = cache.get(first);
		cache.get(second);
		assertThat(cache.loaded()).hasSize(2).contains(a);
		cache.destroy();
	}

	@Test
	void aCorruptCheckpointIsNotServedAndNotRemembered() {
		StoredCheckpoint corrupt = new StoredCheckpoint(1, 1, CheckpointKind.BEST, 1, 10, null, null, first.sizeBytes(),
				"0".repeat(64), Instant.EPOCH);
		ModelCache cache = cache(Long.MAX_VALUE);
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> cache.get(corrupt))
			.withMessageContaining("corrupt");
		assertThat(cache.loaded()).isEmpty();
		cache.destroy();
	}

	private static ModelCache cache(long budget) {
		InferenceProperties properties = new InferenceProperties("cpu", "production", 8, Duration.ofMillis(1), 1, 16,
				DataSize.ofBytes(budget), 64, 1_000_000, 1_000_000, DataSize.ofMegabytes(16), DataSize.ofMegabytes(1));
		return new ModelCache(new FileArchive(), properties, new InferenceMetrics(new SimpleMeterRegistry()),
				Clock.systemUTC());
	}

	private static StoredCheckpoint archived(long id, Path file) throws Exception {
		return new StoredCheckpoint(id, id, CheckpointKind.BEST, 1, 10, null, null, Files.size(file), sha256(file),
				Instant.EPOCH);
	}

	private static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Checkpoints on disk, checked as the database-backed archive checks them. */
	private static final class FileArchive implements Checkpoints {

		@Override
		public void store(long runId, CheckpointWritten checkpoint) {
			throw new UnsupportedOperationException("a cache only reads");
		}

		@Override
		public Optional<StoredCheckpoint> find(long runId, CheckpointKind kind) {
			return Optional.empty();
		}

		@Override
		public Optional<StoredCheckpoint> find(long id) {
			return Optional.empty();
		}

		@Override
		public List<StoredCheckpoint> ofRun(long runId) {
			return List.of();
		}

		@Override
		public Optional<StoredCheckpoint> release(long runId) {
			return Optional.empty();
		}

		@Override
		public void download(StoredCheckpoint checkpoint, Path file) throws IOException {
			Files.copy(files.get(checkpoint.id()), file, StandardCopyOption.REPLACE_EXISTING);
			if (!sha256(file).equals(checkpoint.sha256())) {
				throw new IOException("Checkpoint " + checkpoint.id() + " is corrupt");
			}
		}

	}

}
