package io.simmixmatch.security;

import java.io.IOException;
import java.time.Duration;

import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FilterProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;

/**
 * The problem details of requests the security filters turn away, in the signatures
 * Spring Security's entry point, access denied and request rejected handlers take.
 */
@Component
class ProblemResponses {

	private final FilterProblems problems;

	ProblemResponses(FilterProblems problems) {
		this.problems = problems;
	}

	/** 401, for the authentication entry points. */
	void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		this.problems.write(request, response, ApiProblems.unauthorized("Bearer",
				"Authentication required: send Authorization: Bearer <API key or token>."));
	}

	/** 401: credentials came, and they are not valid. */
	void invalidCredentials(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problems.write(request, response, ApiProblems.unauthorized("Bearer error=\"invalid_token\"",
				"The API key is not valid or has been revoked."));
	}

	/** 403, for the access denied handler. */
	void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		this.problems.write(request, response, ApiProblems
			.forbidden("Your role does not allow " + request.getMethod() + " " + request.getRequestURI() + "."));
	}

	/** 400: the firewall refused the request's URL or headers. */
	void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		this.problems.write(request, response, ApiProblems.badRequest("The request was refused: " + ex.getMessage()));
	}

	/** 429 with Retry-After. */
	void tooManyRequests(HttpServletRequest request, HttpServletResponse response, String detail, Duration retryAfter)
			throws IOException {
		this.problems.write(request, response, ApiProblems.tooManyRequests(detail, retryAfter));
	}

	/** 503 with Retry-After: credentials could not be checked. */
	void databaseUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problems.write(request, response, ApiProblems
			.databaseUnavailable("The database is unavailable, so the API key cannot be checked; try again shortly."));
	}

}
