package io.simmixmatch.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies overrides by name to a preset, as the runs API and the {@code train} command
 * both do: the record {@link Hyperparameters} is the single list of names, types and
 * bounds.
 */
public final class HyperparameterOverrides {

	private final JsonMapper json;

	private final Validator validator;

	/**
	 * @param json binds the merged values, built with {@link StrictJson}
	 * @param validator checks the bounds
	 */
	public HyperparameterOverrides(JsonMapper json, Validator validator) {
		this.json = json;
		this.validator = validator;
	}

	/**
	 * The preset's hyperparameters with the overrides applied.
	 * @param preset the starting point
	 * @param overrides values by hyperparameter name
	 * @param algorithm the algorithm they are for
	 * @return the effective hyperparameters
	 * @throws InvalidHyperparametersException for unknown names or values out of bounds
	 * @throws tools.jackson.core.JacksonException for a value of the wrong type
	 */
	public Hyperparameters apply(Preset preset, Map<String, ?> overrides, Algorithm algorithm) {
		ObjectNode tree = this.json.valueToTree(preset.hyperparameters());
		List<InvalidHyperparametersException.Violation> unknown = overrides.keySet()
			.stream()
			.filter((name) -> !tree.has(name))
			.sorted()
			.map((name) -> new InvalidHyperparametersException.Violation(name, "unknown hyperparameter"))
			.toList();
		if (!unknown.isEmpty()) {
			throw new InvalidHyperparametersException(unknown);
		}
		overrides.forEach((name, value) -> tree.set(name, this.json.valueToTree(value)));
		Hyperparameters hyperparameters = this.json.treeToValue(tree, Hyperparameters.class);
		List<InvalidHyperparametersException.Violation> violations = new ArrayList<>(this.validator
			.validate(hyperparameters)
			.stream()
			.map((violation) -> new InvalidHyperparametersException.Violation(violation.getPropertyPath().toString(),
					violation.getMessage()))
			.sorted(Comparator.comparing(InvalidHyperparametersException.Violation::name))
			.toList());
		if (hyperparameters.k() < algorithm.minimumViews()) {
			violations.add(new InvalidHyperparametersException.Violation("k",
					"must be at least %d for %s".formatted(algorithm.minimumViews(), algorithm)));
		}
		if (hyperparameters.warmupEpochs() > 0 && hyperparameters.warmupEpochs() >= hyperparameters.epochs()) {
			violations.add(new InvalidHyperparametersException.Violation("warmupEpochs",
					"must be less than epochs (%d)".formatted(hyperparameters.epochs())));
		}
		if (!violations.isEmpty()) {
			throw new InvalidHyperparametersException(violations);
		}
		return hyperparameters;
	}

}
