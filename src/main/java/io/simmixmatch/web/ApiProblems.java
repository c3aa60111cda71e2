package io.simmixmatch.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problem details the API answers with when a request cannot be served. */
public final class ApiProblems {

	static final String ERRORS = "errors";

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

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
