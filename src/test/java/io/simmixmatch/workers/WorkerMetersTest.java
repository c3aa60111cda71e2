package io.simmixmatch.workers;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.djl.Device;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.StepResult;
import io.simmixmatch.training.TrainingListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerMetersTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final WorkerMeters meters = new WorkerMeters(this.registry,
			new WorkerIdentity("worker-1", List.of(Device.cpu()), 1L << 30));

	@Test
	void aRunsLoopIsMeasuredByItsListener() throws IOException {
		TrainingListener training = this.meters.training();

		training.onStep(step(1, 120));
		training.onStep(step(2, 140));
		training.onEpoch(new EpochResult(1, 2, 0.1, null, null, 130, 0.05, 2500, true));

		assertThat(this.registry.get("simmixmatch.training.step").tag("worker", "worker-1").timer().count())
			.isEqualTo(2);
		assertThat(this.registry.get("simmixmatch.training.images.per.second").gauge().value()).isEqualTo(140);
		assertThat(this.registry.get("simmixmatch.training.epoch").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(2500);
	}

	private static StepResult step(long step, double imagesPerSecond) {
		return new StepResult(step, 10, 1, null, 0.1, imagesPerSecond, 0.05);
	}

}
