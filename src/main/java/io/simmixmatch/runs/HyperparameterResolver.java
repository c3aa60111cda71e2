package io.simmixmatch.runs;

import java.util.List;
import java.util.Map;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.HyperparameterOverrides;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.InvalidHyperparametersException;
import io.simmixmatch.training.Preset;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import io.simmixmatch.web.JsonFieldErrors;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Applies a client's overrides to a preset with the application's strict JSON mapper and
 * answers every rejected value as a field of the request.
 */
@Component
class HyperparameterResolver {

	private static final String FIELD = "hyperparameters.";

	private final HyperparameterOverrides overrides;

	HyperparameterResolver(JsonMapper json, Validator validator) {
		this.overrides = new HyperparameterOverrides(json, validator);
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
		try {
			return this.overrides.apply(preset, overrides, algorithm);
		}
		catch (InvalidHyperparametersException ex) {
			throw ApiProblems.invalidFields(ex.violations()
				.stream()
				.map((violation) -> new FieldError(FIELD + violation.name(), violation.message()))
				.toList());
		}
		catch (JacksonException ex) {
			FieldError error = JsonFieldErrors.of(ex, FIELD)
				.orElseGet(() -> new FieldError("hyperparameters", "cannot be read"));
			throw ApiProblems.invalidFields(List.of(error));
		}
	}

}
