package io.simmixmatch.inference;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code simmixmatch.predict.latency} (per request, with a histogram for percentiles),
 * {@code simmixmatch.predict.batch.size}, {@code simmixmatch.predict.queue.wait} (per
 * image) and {@code simmixmatch.predict.errors} by kind.
 */
@Component
class InferenceMetrics {

	private final MeterRegistry registry;

	private final DistributionSummary batchSizes;

	private final Timer queueWait;

	private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

	InferenceMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.batchSizes = DistributionSummary.builder("simmixmatch.predict.batch.size")
			.description("Images per forward pass")
			.publishPercentileHistogram()
			.register(registry);
		this.queueWait = Timer.builder("simmixmatch.predict.queue.wait")
			.description("Time an image waits for its forward pass")
			.publishPercentileHistogram()
			.register(registry);
	}

	void request(String protocol, Duration latency) {
		this.latencies
			.computeIfAbsent(protocol,
					(name) -> Timer.builder("simmixmatch.predict.latency")
						.description("Prediction requests, decoding to answer")
						.tag("protocol", name)
						.publishPercentileHistogram()
						.register(this.registry))
			.record(latency);
	}

	void batch(int size) {
		this.batchSizes.record(size);
	}

	void queueWait(long nanos) {
		this.queueWait.record(Duration.ofNanos(nanos));
	}

	void error(String kind) {
		Counter.builder("simmixmatch.predict.errors")
			.description("Prediction requests turned away, by kind")
			.tag("kind", kind)
			.register(this.registry)
			.increment();
	}

}
