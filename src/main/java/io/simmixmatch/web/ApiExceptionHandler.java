package io.simmixmatch.web;

import java.util.List;
import java.util.Optional;

import io.simmixmatch.database.DatabaseAvailability;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.ResolvableType;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every failed request with an RFC 9457 problem detail. Validation failures list
 * the rejected fields under {@code errors}; nothing internal (stack traces, Java type
 * names) reaches a client.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final DatabaseAvailability database;

	ApiExceptionHandler(DatabaseAvailability database) {
		this.database = database;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldError(error.getField(), message(error)))
			.toList();
		return invalid(ex, errors, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldError(parameterName(result), message(error))))
			.toList();
		return invalid(ex, errors, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		Class<?> expected = expectedType(ex);
		String message = (expected != null) ? ExpectedValues.describe(expected) : "has the wrong type";
		return invalid(ex, List.of(new FieldError(field, message)), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (!(ex.getCause() instanceof JacksonException json)) {
			return detail(ex, "Required request body is missing or unreadable.", headers, status, request);
		}
		Optional<FieldError> field = JsonFieldErrors.of(json, "");
		if (field.isPresent()) {
			return invalid(ex, List.of(field.get()), headers, status, request);
		}
		return (json instanceof MismatchedInputException)
				? detail(ex, "The request body does not have the expected shape.", headers, status, request)
				: detail(ex, "Malformed JSON request body.", headers, status, request);
	}

	/**
	 * Says which multipart limit a request went past: the number of parts or the size.
	 */
	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof FileCountLimitExceededException count) {
				return detail(ex, "The request has more than " + count.getLimit() + " parts", headers, status, request);
			}
			if (cause instanceof SizeException size) {
				return detail(ex, "The request is larger than " + size.getPermittedSize() + " bytes", headers, status,
						request);
			}
		}
		return detail(ex, "The request is larger than the service takes", headers, status, request);
	}

	/**
	 * Data access failed: 503 with Retry-After when the database cannot be reached (the
	 * failure says so, or a fresh connection cannot be had now), else the last resort.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<Object> handleDataAccess(Exception ex, WebRequest request) {
		if (!this.database.isUnavailable(ex)) {
			return handleUnexpected(ex, request);
		}
		log.warn("Database unavailable serving {}: {}", request.getDescription(false), ex.getMessage());
		ErrorResponseException problem = ApiProblems
			.databaseUnavailable("The database is unavailable; try again shortly.");
		return handleExceptionInternal(ex, problem.getBody(), problem.getHeaders(), problem.getStatusCode(), request);
	}

	/** The last resort: log the cause, answer 500 without revealing it. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error serving {}", request.getDescription(false), ex);
		HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "An unexpected error occurred.");
		return handleExceptionInternal(ex, body, new HttpHeaders(), status, request);
	}

	private ResponseEntity<Object> detail(Exception ex, String detail, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, detail), headers, status, request);
	}

	private ResponseEntity<Object> invalid(Exception ex, List<FieldError> errors, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "Invalid request content.");
		body.setProperty(ApiProblems.ERRORS, errors);
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	// For a collection parameter such as ?status=A&status=B, the type of its elements.
	private static @Nullable Class<?> expectedType(TypeMismatchException ex) {
		if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			Class<?> element = ResolvableType.forMethodParameter(mismatch.getParameter())
				.asCollection()
				.resolveGeneric(0);
			if (element != null) {
				return element;
			}
		}
		return ex.getRequiredType();
	}

	private static String parameterName(ParameterValidationResult result) {
		String name = result.getMethodParameter().getParameterName();
		return (name != null) ? name : "parameter";
	}

	private static String message(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

}
