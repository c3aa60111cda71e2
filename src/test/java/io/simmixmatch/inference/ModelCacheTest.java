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
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.simmixmatch.runs.ArchivedCheckpoint;
import io.simmixmatch.runs.CheckpointArchive;
import io.simmixmatch.training.TrainedCheckpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ModelCacheTest {

	private static ArchivedCheckpoint first;

	private static ArchivedCheckpoint second;

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
		ArchivedCheckpoint corrupt = new ArchivedCheckpoint(1, 1, 1, null, null, first.sizeBytes(), "0".repeat(64));
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

	private static ArchivedCheckpoint archived(long id, Path file) throws Exception {
		return new ArchivedCheckpoint(id, id, 1, null, null, Files.size(file), sha256(file));
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
	private static final class FileArchive implements CheckpointArchive {

		@Override
		public Optional<ArchivedCheckpoint> best(long runId) {
			return Optional.empty();
		}

		@Override
		public Optional<ArchivedCheckpoint> find(long checkpointId) {
			return Optional.empty();
		}

		@Override
		public Optional<ArchivedCheckpoint> release(long runId) {
			return Optional.empty();
		}

		@Override
		public void download(ArchivedCheckpoint checkpoint, Path file) throws IOException {
			Files.copy(files.get(checkpoint.id()), file, StandardCopyOption.REPLACE_EXISTING);
			if (!sha256(file).equals(checkpoint.sha256())) {
				throw new IOException("Checkpoint " + checkpoint.id() + " is corrupt");
			}
		}

	}

}
