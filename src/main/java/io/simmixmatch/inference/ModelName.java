package io.simmixmatch.inference;

import java.util.regex.Pattern;

import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;

/**
 * What a request asks to be served by: an alias of the registry ({@code production}) or
 * the best checkpoint of a run ({@code run:12}).
 */
sealed interface ModelName {

	Pattern ALIAS = Pattern.compile("[a-z][a-z0-9-]{0,62}");

	Pattern RUN = Pattern.compile("run:([1-9][0-9]{0,17})");

	/**
	 * Parses a model name.
	 * @param name an alias or run:{id}
	 * @param field the request field it came from, for the error
	 * @return the name
	 * @throws org.springframework.web.ErrorResponseException 400 if it is neither
	 */
	static ModelName parse(String name, String field) {
		if (ALIAS.matcher(name).matches()) {
			return new Alias(name);
		}
		var run = RUN.matcher(name);
		if (run.matches()) {
			return new Run(Long.parseLong(run.group(1)));
		}
		throw ApiProblems.invalidFields(java.util.List
			.of(new FieldError(field, "must be an alias (lower-case letters, digits and dashes) or run:<id>")));
	}

	/** An alias of the registry. */
	record Alias(String name) implements ModelName {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** The best checkpoint of a run, whatever it is now. */
	record Run(long runId) implements ModelName {

		@Override
		public String toString() {
			return "run:" + this.runId;
		}

	}

}
