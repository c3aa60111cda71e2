package io.simmixmatch.web;

import java.util.Optional;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Turns a JSON binding failure into the field it concerns and a message a client can act
 * on, without the Java type names that Jackson's own messages carry.
 */
public final class JsonFieldErrors {

	private JsonFieldErrors() {
	}

	/**
	 * The rejected field of a binding failure, if the failure concerns one.
	 * @param exception the failure
	 * @param prefix prepended to the field path, for documents bound from a part of a
	 * request; empty for a whole request body
	 * @return the rejected field, or empty for malformed JSON
	 */
	public static Optional<FieldError> of(JacksonException exception, String prefix) {
		if (!(exception instanceof MismatchedInputException mismatch) || exception.getPath().isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new FieldError(prefix + path(exception), message(mismatch)));
	}

	private static String path(JacksonException exception) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : exception.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String message(MismatchedInputException exception) {
		if (exception instanceof PropertyBindingException binding) {
			return (binding.getKnownPropertyIds() == null) ? "unknown property"
					: "unknown property; known here: " + binding.getKnownPropertyIds()
						.stream()
						.map(Object::toString)
						.sorted()
						.collect(Collectors.joining(", "));
		}
		if (exception instanceof InvalidNullException) {
			return "must not be null";
		}
		Class<?> target = exception.getTargetType();
		if (target == null) {
			return "has the wrong type";
		}
		return ExpectedValues.describe(target);
	}

}
