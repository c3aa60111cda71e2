package io.simmixmatch.workers;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

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

	void step(long nanos, double imagesPerSecond) {
		this.steps.record(nanos, TimeUnit.NANOSECONDS);
		this.imagesPerSecond.set(imagesPerSecond);
	}

	void epoch(long millis) {
		this.epochs.record(millis, TimeUnit.MILLISECONDS);
	}

	void resumed() {
		this.resumes.increment();
	}

	void failed() {
		this.failures.increment();
	}

}
