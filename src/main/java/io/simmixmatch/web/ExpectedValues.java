package io.simmixmatch.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/** Says what a field of a given Java type accepts, in the words of JSON and HTTP. */
final class ExpectedValues {

	private ExpectedValues() {
	}

	/**
	 * A message for a value that does not fit the type.
	 * @param type the type of the field
	 * @return for example "must be an integer" or "must be one of QUEUED, RUNNING"
	 */
	static String describe(Class<?> type) {
		if (type.isEnum()) {
			return "must be one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> JsonMapper.shared().convertValue(constant, String.class))
				.collect(Collectors.joining(", "));
		}
		return "must be " + kind(type);
	}

	private static String kind(Class<?> type) {
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "an integer";
		}
		if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
			return "a number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

}
