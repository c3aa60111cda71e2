package io.simmixmatch.runs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.Preset;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import io.simmixmatch.web.JsonFieldErrors;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Applies a client's overrides to a preset and checks the result: known names, right
 * types, values within bounds, and what the algorithm needs.
 */
@Component
class HyperparameterResolver {

	private static final String FIELD = "hyperparameters.";

	private final JsonMapper json;

	private final Validator validator;

	HyperparameterResolver(JsonMapper json, Validator validator) {
		this.json = json;
		this.validator = validator;
	}

	/**
	 * The effective hyperparameters of a run.
	 * @param preset the starting point
	 * @param overrides values by hyperparameter name
	 * @param algorithm the algorithm they are for
	 * @return the preset's hyperparameters with the overrides applied
	 * @throws org.springframework.web.ErrorResponseException 400 with the rejected fields
	 */
	Hyperparameters resolve(Preset preset, Map<String, Object> overrides, Algorithm algorithm) {
		ObjectNode tree = this.json.valueToTree(preset.hyperparameters());
		List<FieldError> unknown = overrides.keySet()
			.stream()
			.filter((name) -> !tree.has(name))
			.sorted()
			.map((name) -> new FieldError(FIELD + name, "unknown hyperparameter"))
			.toList();
		if (!unknown.isEmpty()) {
			throw ApiProblems.invalidFields(unknown);
		}
		overrides.forEach((name, value) -> tree.set(name, this.json.valueToTree(value)));
		Hyperparameters hyperparameters = bind(tree);
		List<FieldError> errors = new ArrayList<>(this.validator.validate(hyperparameters)
			.stream()
			.sorted(Comparator.comparing((violation) -> violation.getPropertyPath().toString()))
			.map(HyperparameterResolver::fieldError)
			.toList());
		if (hyperparameters.k() < algorithm.minimumViews()) {
			errors.add(new FieldError(FIELD + "k",
					"must be at least %d for %s".formatted(algorithm.minimumViews(), algorithm)));
		}
		if (!errors.isEmpty()) {
			throw ApiProblems.invalidFields(errors);
		}
		return hyperparameters;
	}

	private Hyperparameters bind(ObjectNode tree) {
		try {
			return this.json.treeToValue(tree, Hyperparameters.class);
		}
		catch (JacksonException ex) {
			FieldError error = JsonFieldErrors.of(ex, FIELD)
				.orElseGet(() -> new FieldError("hyperparameters", "cannot be read"));
			throw ApiProblems.invalidFields(List.of(error));
		}
	}

	private static FieldError fieldError(ConstraintViolation<Hyperparameters> violation) {
		return new FieldError(FIELD + violation.getPropertyPath(), violation.getMessage());
	}

}
