package io.simmixmatch.inference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ai.djl.Device;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.simmixmatch.training.Classifier;
import io.simmixmatch.training.TrainedCheckpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.offset;

class MicroBatcherTest {

	private static Classifier classifier;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@BeforeAll
	static void train(@TempDir Path directory) throws Exception {
		classifier = Classifier.load(TrainedCheckpoints.supervised(directory, 1), Device.cpu());
	}

	@AfterAll
	static void close() {
		classifier.close();
	}

	@Test
	void imagesArrivingTogetherShareOneForwardPass() throws Exception {
		// The batch closes as soon as it is full: the wait only bounds a slow submitter.
		MicroBatcher batcher = batcher(8, Duration.ofSeconds(30), 64);
		List<CompletableFuture<float[]>> results = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			results.add(batcher.submit(PredictionApiTest.scaled(TrainedCheckpoints.image(i))));
		}
		for (int i = 0; i < 8; i++) {
			float[] expected = classifier.probabilities(PredictionApiTest.scaled(TrainedCheckpoints.image(i)), 1)[0];
			assertThat(results.get(i).get()).containsExactly(expected, offset(1e-5f));
		}
		batcher.close();
		var batches = this.registry.get("simmixmatch.predict.batch.size").summary();
		assertThat(batches.count()).isEqualTo(1);
		assertThat(batches.max()).isEqualTo(8);
	}

	@Test
	void aFullQueueTurnsImagesAwayAndAClosedBatcherTakesNone() throws Exception {
		MicroBatcher batcher = batcher(1, Duration.ZERO, 2);
		List<CompletableFuture<float[]>> accepted = new ArrayList<>();
		float[] image = PredictionApiTest.scaled(TrainedCheckpoints.image(0));
		assertThatExceptionOfType(MicroBatcher.Overloaded.class).isThrownBy(() -> {
			for (int i = 0; i < 10_000; i++) {
				accepted.add(batcher.submit(image));
			}
		});
		batcher.close();
		for (CompletableFuture<float[]> result : accepted) {
			assertThat(result).isCompleted();
			assertThat(result.get()).hasSize(10);
		}
		assertThatExceptionOfType(MicroBatcher.Unloaded.class).isThrownBy(() -> batcher.submit(image));
	}

	private MicroBatcher batcher(int maxBatch, Duration maxWait, int queueCapacity) {
		InferenceProperties properties = new InferenceProperties("cpu", "production", maxBatch, maxWait, 1,
				queueCapacity, DataSize.ofMegabytes(64), 64, 1_000_000, 1_000_000, DataSize.ofMegabytes(16),
				DataSize.ofMegabytes(1));
		return new MicroBatcher(classifier, properties, new InferenceMetrics(this.registry), "test");
	}

}
