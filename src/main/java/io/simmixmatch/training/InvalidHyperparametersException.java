package io.simmixmatch.training;

import java.util.List;
import java.util.stream.Collectors;

/** Hyperparameters that a run cannot use, each with what is wrong with it. */
public class InvalidHyperparametersException extends RuntimeException {

	private final List<Violation> violations;

	public InvalidHyperparametersException(List<Violation> violations) {
		super(violations.stream().map((v) -> v.name() + " " + v.message()).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

	/**
	 * One rejected hyperparameter.
	 *
	 * @param name its name
	 * @param message what is wrong with it
	 */
	public record Violation(String name, String message) {
	}

}
