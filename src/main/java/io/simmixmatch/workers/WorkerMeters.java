package io.simmixmatch.workers;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.StepResult;
import io.simmixmatch.training.TrainingListener;

/** What a worker process measures, tagged with its device. */
class WorkerMeters {

	private final Timer steps;

	private final Timer epochs;

	private final Counter resumes;

	private final Counter failures;

	private final AtomicReference<Double> imagesPerSecond = new AtomicReference<>(0.0);

	WorkerMeters(MeterRegistry registry, WorkerIdentity identity) {
		Tags tags = Tags.of("device", identity.deviceName(), "worker", identity.name());
		this.steps = Timer.builder("simmixmatch.training.step")
			.description("Optimizer steps, batch preparation included")
			.tags(tags)
			.register(registry);
		this.epochs = Timer.builder("simmixmatch.training.epoch")
			.description("Epochs, validation included")
			.tags(tags)
			.register(registry);
		this.resumes = Counter.builder("simmixmatch.training.resumes")
			.description("Runs resumed from a checkpoint")
			.tags(tags)
			.register(registry);
		this.failures = Counter.builder("simmixmatch.training.failures")
			.description("Failed attempts of runs, dead workers' included")
			.tags(tags)
			.register(registry);
		Gauge.builder("simmixmatch.training.images.per.second", this.imagesPerSecond, AtomicReference::get)
			.description("Training images per second of the current epoch")
			.tags(tags)
			.register(registry);
	}

	/**
	 * Measures one attempt at a run: the time between its steps and its epochs' time.
	 * @return a listener for its training loop
	 */
	TrainingListener training() {
		return new TrainingListener() {

			private long lastStepAt = System.nanoTime();

			@Override
			public void onStep(StepResult step) {
				long now = System.nanoTime();
				WorkerMeters.this.steps.record(now - this.lastStepAt, TimeUnit.NANOSECONDS);
				WorkerMeters.this.imagesPerSecond.set(step.imagesPerSecond());
				this.lastStepAt = now;
			}

			@Override
			public void onEpoch(EpochResult epoch) {
				WorkerMeters.this.epochs.record(epoch.durationMillis(), TimeUnit.MILLISECONDS);
			}

		};
	}

	void resumed() {
		this.resumes.increment();
	}

	void failed() {
		this.failures.increment();
	}

}
