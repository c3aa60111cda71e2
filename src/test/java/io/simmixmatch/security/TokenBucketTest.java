package io.simmixmatch.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void aFullBucketGivesItsPermitsAtOnceThenOneEveryPeriodOverPermits() {
		TokenBucket bucket = new TokenBucket(4, Duration.ofSeconds(2), 0);
		for (int i = 0; i < 4; i++) {
			assertThat(bucket.take(0)).isZero();
		}
		// Empty; 4 tokens per 2 s is one every 0.5 s.
		assertThat(bucket.take(0)).isEqualTo(Duration.ofMillis(500));
		assertThat(bucket.take(SECOND / 5)).isEqualTo(Duration.ofMillis(300));
		assertThat(bucket.take(SECOND / 2)).isZero();
		assertThat(bucket.take(SECOND / 2)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void anIdleBucketRefillsUpToItsPermitsAndThenIsFull() {
		TokenBucket bucket = new TokenBucket(2, Duration.ofSeconds(1), 0);
		bucket.take(0);
		bucket.take(0);
		assertThat(bucket.isFull(SECOND / 2)).isFalse();
		assertThat(bucket.isFull(SECOND)).isTrue();
		assertThat(bucket.isFull(100 * SECOND)).isTrue();
		bucket.take(100 * SECOND);
		bucket.take(100 * SECOND);
		assertThat(bucket.take(100 * SECOND)).as("no more than its permits saved up").isEqualTo(Duration.ofMillis(500));
	}

}
