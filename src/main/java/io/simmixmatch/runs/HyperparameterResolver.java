package io.simmixmatch.runs;

import java.util.List;
import java.util.Map;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.HyperparameterOverrides;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.InvalidHyperparametersException;
import io.simmixmatch.training.InvalidHyperparametersException.Violation;
import io.simmixmatch.training.Preset;
import io.simmixmatch.web.JsonFieldErrors;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The one reading of a client's hyperparameters, for runs and for studies: overrides
 * applied to a preset with the application's strict JSON mapper, every rejected value
 * named by its hyperparameter, whether the bounds or the JSON rejected it.
 */
@Component
public class HyperparameterResolver {

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
	 * @throws InvalidHyperparametersException naming each rejected hyperparameter, or
	 * naming none ({@code ""}) where the overrides cannot be read at all
	 */
	public Hyperparameters resolve(Preset preset, Map<String, ?> overrides, Algorithm algorithm) {
		try {
			return this.overrides.apply(preset, overrides, algorithm);
		}
		catch (JacksonException ex) {
			Violation violation = JsonFieldErrors.of(ex, "")
				.map((error) -> new Violation(error.field(), error.message()))
				.orElseGet(() -> new Violation("", "cannot be read"));
			throw new InvalidHyperparametersException(List.of(violation));
		}
	}

}
