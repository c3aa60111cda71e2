package io.simmixmatch.security;

import java.time.Duration;

/**
 * A token bucket: it holds up to {@code permits} tokens, gains them back at
 * {@code permits} per {@code period}, and each request takes one. Times are nanoseconds
 * from one monotonic clock.
 */
final class TokenBucket {

	private final double capacity;

	private final double tokensPerNano;

	private double tokens;

	private long updatedAt;

	TokenBucket(long permits, Duration period, long now) {
		this.capacity = permits;
		this.tokensPerNano = permits / (double) period.toNanos();
		this.tokens = permits;
		this.updatedAt = now;
	}

	/**
	 * Takes a token if there is one.
	 * @param now the time
	 * @return zero if a token was taken, else how long until there is one
	 */
	synchronized Duration take(long now) {
		refill(now);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return Duration.ZERO;
		}
		return Duration.ofNanos((long) Math.ceil((1 - this.tokens) / this.tokensPerNano));
	}

	/** Whether the bucket is full: then it is no different from a new one. */
	synchronized boolean isFull(long now) {
		refill(now);
		return this.tokens >= this.capacity;
	}

	private void refill(long now) {
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.tokensPerNano);
		this.updatedAt = now;
	}

}
