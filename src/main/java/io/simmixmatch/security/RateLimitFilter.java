package io.simmixmatch.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Rate limits per authenticated caller on launches and predictions: past its allowance a
 * request gets 429 with Retry-After. Anonymous requests (authentication off) have none.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private static final int MAX_BUCKETS = 10_000;

	private static final PathPattern LAUNCH = PathPatternParser.defaultInstance.parse("/api/v1/runs");

	/** A study launches runs too: one request, however many runs. */
	private static final PathPattern STUDY = PathPatternParser.defaultInstance.parse("/api/v1/studies");

	private static final PathPattern PREDICT = PathPatternParser.defaultInstance.parse("/api/v1/predict");

	private static final PathPattern INFER = PathPatternParser.defaultInstance.parse("/v2/models/{name}/infer");

	private final RateLimitProperties limits;

	private final ProblemResponses problems;

	private final LongSupplier nanoTime;

	private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	RateLimitFilter(RateLimitProperties limits, ProblemResponses problems, LongSupplier nanoTime) {
		this.limits = limits;
		this.problems = problems;
		this.nanoTime = nanoTime;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		Limited limited = limited(request);
		if (limited == null || caller == null || caller instanceof AnonymousAuthenticationToken) {
			chain.doFilter(request, response);
			return;
		}
		long now = this.nanoTime.getAsLong();
		Duration wait = bucket(limited, caller.getName(), now).take(now);
		if (!wait.isZero()) {
			this.problems.tooManyRequests(request, response, "%s may make %d %s; try again later."
				.formatted(caller.getName(), limited.permits(this.limits), limited.description), wait);
			return;
		}
		chain.doFilter(request, response);
	}

	private TokenBucket bucket(Limited limited, String caller, long now) {
		if (this.buckets.size() > MAX_BUCKETS) {
			this.buckets.values().removeIf((bucket) -> bucket.isFull(now));
		}
		return this.buckets.computeIfAbsent(limited.name() + ' ' + caller,
				(name) -> new TokenBucket(limited.permits(this.limits), limited.period, now));
	}

	private static @Nullable Limited limited(HttpServletRequest request) {
		if (!HttpMethod.POST.matches(request.getMethod())) {
			return null;
		}
		PathContainer path = PathContainer.parsePath(request.getRequestURI());
		if (LAUNCH.matches(path) || STUDY.matches(path)) {
			return Limited.LAUNCH;
		}
		return (PREDICT.matches(path) || INFER.matches(path)) ? Limited.PREDICT : null;
	}

	private enum Limited {

		LAUNCH(Duration.ofMinutes(1), "run launches a minute", RateLimitProperties::launchesPerMinute),

		PREDICT(Duration.ofSeconds(1), "prediction requests a second", RateLimitProperties::predictionsPerSecond);

		private final Duration period;

		private final String description;

		private final ToIntFunction<RateLimitProperties> permits;

		Limited(Duration period, String description, ToIntFunction<RateLimitProperties> permits) {
			this.period = period;
			this.description = description;
			this.permits = permits;
		}

		int permits(RateLimitProperties limits) {
			return this.permits.applyAsInt(limits);
		}

	}

}
