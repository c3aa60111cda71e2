package io.simmixmatch.inference;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.simmixmatch.web.ApiProblems;

/**
 * Admission to decoding: a budget of decoded bytes in flight and of requests decoding at
 * once. A request that cannot get both within a short wait is turned away with 503 and
 * Retry-After, so that many valid but heavy images slow the service down instead of
 * exhausting its heap. Fair: a large request is not overtaken forever by small ones.
 */
final class DecodeAdmission {

	private static final Duration WAIT = Duration.ofMillis(500);

	private static final int KIB = 1024;

	private final Semaphore memoryKib;

	private final Semaphore decoders;

	private final InferenceMetrics metrics;

	DecodeAdmission(long memoryBytes, int decoders, InferenceMetrics metrics) {
		this.memoryKib = new Semaphore(Math.toIntExact(memoryBytes / KIB), true);
		this.decoders = new Semaphore(decoders, true);
		this.metrics = metrics;
	}

	/**
	 * Waits briefly for room to decode.
	 * @param bytes what the request's images take once decoded, at most the whole budget
	 * @return the room, to give back when the images are decoded
	 * @throws org.springframework.web.ErrorResponseException 503 if there is no room
	 */
	Admitted admit(long bytes) {
		int kib = Math.toIntExact((bytes + KIB - 1) / KIB);
		try {
			if (this.decoders.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				if (this.memoryKib.tryAcquire(kib, WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
					return () -> {
						this.memoryKib.release(kib);
						this.decoders.release();
					};
				}
				this.decoders.release();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.metrics.error("decoding_busy");
		throw ApiProblems.unavailable("Too many images are being decoded; retry shortly",
				PredictionService.RETRY_AFTER);
	}

	/** Room taken in the budget. */
	@FunctionalInterface
	interface Admitted extends AutoCloseable {

		@Override
		void close();

	}

}
