package io.simmixmatch.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.ResolvableType;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every failed request with an RFC 9457 problem detail. Validation failures list
 * the rejected fields under {@code errors}; nothing internal (stack traces, Java type
 * names) reaches a client.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

	private final ObjectProvider<DataSource> dataSource;

	ApiExceptionHandler(ObjectProvider<DataSource> dataSource) {
		this.dataSource = dataSource;
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
	 * Data access failed: 503 with Retry-After when the database cannot be reached (the
	 * failure says so, or a fresh connection cannot be had now), else the last resort.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<Object> handleDataAccess(Exception ex, WebRequest request) {
		if (!isConnectionFailure(ex) && isDatabaseReachable()) {
			return handleUnexpected(ex, request);
		}
		log.warn("Database unavailable serving {}: {}", request.getDescription(false), ex.getMessage());
		HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(DATABASE_RETRY_AFTER.toSeconds()));
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status,
				"The database is unavailable; try again shortly.");
		return handleExceptionInternal(ex, body, headers, status, request);
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

	// SQLState class 08 is a connection failure; 57P01..57P03, a server shutting down or
	// starting. A failed rollback hides the original failure among its suppressed ones.
	private static boolean isConnectionFailure(Throwable failure) {
		if (failure instanceof CannotCreateTransactionException
				|| failure instanceof DataAccessResourceFailureException) {
			return true;
		}
		Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		while (!pending.isEmpty()) {
			Throwable next = pending.pop();
			if (!seen.add(next)) {
				continue;
			}
			if (next instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
			if (next.getCause() != null) {
				pending.push(next.getCause());
			}
			pending.addAll(List.of(next.getSuppressed()));
		}
		return false;
	}

	// A pooled connection that broke fails with no telling SQLState; a new one tells.
	private boolean isDatabaseReachable() {
		DataSource source = this.dataSource.getIfAvailable();
		if (source == null) {
			return true;
		}
		try (Connection connection = source.getConnection()) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
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
