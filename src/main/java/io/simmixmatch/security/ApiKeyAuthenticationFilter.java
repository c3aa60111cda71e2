package io.simmixmatch.security;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

import io.simmixmatch.database.DatabaseAvailability;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by the API key it carries: {@code Authorization: Bearer <key>}
 * or {@code X-API-Key: <key>}. A browser's EventSource cannot send headers, so the event
 * streams of runs and studies also take the key as {@code ?access_token=}. A request
 * without a key goes on anonymous; one with an invalid key ends here with 401, except on
 * the public endpoints, where it goes on anonymous too.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String API_KEY_HEADER = "X-API-Key";

	private static final Pattern EVENT_STREAM = Pattern.compile("/api/v1/(runs|studies)/[^/]+/events");

	private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

	private static final String BEARER = "Bearer ";

	private final ApiKeys keys;

	private final ProblemResponses problems;

	private final DatabaseAvailability database;

	ApiKeyAuthenticationFilter(ApiKeys keys, ProblemResponses problems, DatabaseAvailability database) {
		this.keys = keys;
		this.problems = problems;
		this.database = database;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = presentedKey(request);
		if (presented == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Caller> caller;
		try {
			caller = this.keys.authenticate(presented);
		}
		catch (DataAccessException | TransactionException ex) {
			if (!this.database.isUnavailable(ex)) {
				throw ex;
			}
			log.warn("Could not check an API key: {}", ex.getMessage());
			this.problems.databaseUnavailable(request, response);
			return;
		}
		if (caller.isEmpty()) {
			if (SecurityConfiguration.PUBLIC.matches(request)) {
				// A page or a probe needs no key: a stale one changes nothing.
				chain.doFilter(request, response);
			}
			else {
				this.problems.invalidCredentials(request, response);
			}
			return;
		}
		SecurityContextHolder.getContext().setAuthentication(caller.get().authentication());
		chain.doFilter(request, response);
	}

	private static @Nullable String presentedKey(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).strip();
		}
		String header = request.getHeader(API_KEY_HEADER);
		if (header != null) {
			return header.strip();
		}
		return isEventStream(request) ? request.getParameter("access_token") : null;
	}

	private static boolean isEventStream(HttpServletRequest request) {
		return HttpMethod.GET.matches(request.getMethod()) && EVENT_STREAM.matcher(request.getRequestURI()).matches();
	}

}
