package io.simmixmatch.web;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problem details the API answers with when a request cannot be served. */
public final class ApiProblems {

	static final String ERRORS = "errors";

	private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

	private ApiProblems() {
	}

	/**
	 * 404: the resource a path names does not exist.
	 * @param kind what kind of resource, such as "run"
	 * @param id its id
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException notFound(String kind, Object id) {
		return problem(HttpStatus.NOT_FOUND, "No %s with id '%s'".formatted(kind, id));
	}

	/**
	 * 401: the request carries no credentials, or invalid ones.
	 * @param challenge the {@code WWW-Authenticate} header, such as {@code Bearer}
	 * @param detail what is missing or wrong
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException unauthorized(String challenge, String detail) {
		ErrorResponseException exception = problem(HttpStatus.UNAUTHORIZED, detail);
		exception.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return exception;
	}

	/**
	 * 403: the caller may not do this.
	 * @param detail what is not allowed
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException forbidden(String detail) {
		return problem(HttpStatus.FORBIDDEN, detail);
	}

	/**
	 * 409: the resource is in a state that does not allow the request.
	 * @param detail what conflicts
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException conflict(String detail) {
		return problem(HttpStatus.CONFLICT, detail);
	}

	/**
	 * 400: fields of the request are invalid.
	 * @param errors the rejected fields
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException invalidFields(List<FieldError> errors) {
		ErrorResponseException exception = problem(HttpStatus.BAD_REQUEST, "Invalid request content.");
		exception.getBody().setProperty(ERRORS, errors);
		return exception;
	}

	/**
	 * 400: the request is malformed in a way no single field names.
	 * @param detail what is wrong
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException badRequest(String detail) {
		return problem(HttpStatus.BAD_REQUEST, detail);
	}

	/**
	 * 411: the request has a body of unstated length.
	 * @param detail what is required
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException lengthRequired(String detail) {
		return problem(HttpStatus.LENGTH_REQUIRED, detail);
	}

	/**
	 * 413: the request is larger than a limit allows.
	 * @param detail which limit
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException tooLarge(String detail) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, detail);
	}

	/**
	 * 507: the service lacks the storage the request needs now.
	 * @param detail how much is needed and how much there is
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException insufficientStorage(String detail) {
		return problem(HttpStatus.INSUFFICIENT_STORAGE, detail);
	}

	/**
	 * 415: the request's content is of a type the endpoint does not take.
	 * @param detail which type, and what is taken
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException unsupportedMediaType(String detail) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
	}

	/**
	 * 503 with Retry-After: the service is busy; the client may try again.
	 * @param detail what is busy
	 * @param retryAfter when to try again
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException unavailable(String detail, Duration retryAfter) {
		return retryLater(HttpStatus.SERVICE_UNAVAILABLE, detail, retryAfter);
	}

	/**
	 * 503 with Retry-After: the database cannot be reached now.
	 * @param detail what could not be done without it
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException databaseUnavailable(String detail) {
		return unavailable(detail, DATABASE_RETRY_AFTER);
	}

	/**
	 * 429 with Retry-After: the caller has used up a limit for now.
	 * @param detail which limit
	 * @param retryAfter when to try again
	 * @return an exception that Spring MVC renders as the problem detail
	 */
	public static ErrorResponseException tooManyRequests(String detail, Duration retryAfter) {
		return retryLater(HttpStatus.TOO_MANY_REQUESTS, detail, retryAfter);
	}

	// Whole seconds, rounded up: a client that waits as told is not turned away again.
	private static ErrorResponseException retryLater(HttpStatus status, String detail, Duration retryAfter) {
		ErrorResponseException exception = problem(status, detail);
		long seconds = (retryAfter.toMillis() + 999) / 1000;
		exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
		return exception;
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
