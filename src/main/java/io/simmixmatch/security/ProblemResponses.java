package io.simmixmatch.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;

/**
 * Problem details (RFC 9457) for requests the security filters turn away before Spring
 * MVC sees them, in the same shape the API's other errors have.
 */
@Component
class ProblemResponses {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	/** 401, for the authentication entry points. */
	void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		write(request, response, HttpStatus.UNAUTHORIZED,
				"Authentication required: send Authorization: Bearer <API key or token>.");
	}

	/** 401: credentials came, and they are not valid. */
	void invalidCredentials(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		write(request, response, HttpStatus.UNAUTHORIZED, "The API key is not valid or has been revoked.");
	}

	/** 403, for the access denied handler. */
	void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(request, response, HttpStatus.FORBIDDEN,
				"Your role does not allow " + request.getMethod() + " " + request.getRequestURI() + ".");
	}

	/** 400: the firewall refused the request's URL or headers. */
	void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		write(request, response, HttpStatus.BAD_REQUEST, "The request was refused: " + ex.getMessage());
	}

	/** 429 with Retry-After. */
	void tooManyRequests(HttpServletRequest request, HttpServletResponse response, String detail, Duration retryAfter)
			throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds(retryAfter))));
		write(request, response, HttpStatus.TOO_MANY_REQUESTS, detail);
	}

	/** 503 with Retry-After: credentials could not be checked. */
	void unavailable(HttpServletRequest request, HttpServletResponse response, String detail, Duration retryAfter)
			throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
		write(request, response, HttpStatus.SERVICE_UNAVAILABLE, detail);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(),
				Map.of("type", "about:blank", "title", status.getReasonPhrase(), "status", status.value(), "detail",
						detail, "instance", request.getRequestURI()));
	}

	private static long seconds(Duration duration) {
		return (duration.toMillis() + 999) / 1000;
	}

}
