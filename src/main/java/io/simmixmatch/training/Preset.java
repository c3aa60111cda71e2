package io.simmixmatch.training;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Named starting points for the hyperparameters; a run overrides any of them.
 */
public enum Preset {

	/**
	 * The hyperparameters of the original implementation: Adam 4e-4, batch 512, 30 steps
	 * per epoch for 300 epochs, ResNet-18, consistency ramped over all epochs.
	 */
	SEED("seed",
			new Hyperparameters(ModelArchitecture.RESNET_18, 300, 30, 512, 1, 100, 500, OptimizerType.ADAM, 4e-4,
					LearningRateSchedule.CONSTANT, 5e-4, 2, 0.1, 0.75, 50, 300, 1, 0.5, 0.999, 50, 0)),

	/**
	 * Tuned for the built-in Fashion-MNIST data set and a small CNN that trains on a
	 * 2-core CPU in minutes.
	 */
	FASHION_MNIST("fashion-mnist", new Hyperparameters(ModelArchitecture.SMALL_CNN, 40, 100, 64, 1, 100, 500,
			OptimizerType.ADAM, 2e-3, LearningRateSchedule.CONSTANT, 4e-5, 2, 0.5, 0.75, 75, 16, 1, 0.5, 0.999, 10, 0));

	private final String id;

	private final Hyperparameters hyperparameters;

	Preset(String id, Hyperparameters hyperparameters) {
		this.id = id;
		this.hyperparameters = hyperparameters;
	}

	/**
	 * The preset with the given id.
	 * @param id a preset id, such as {@code fashion-mnist}
	 * @return the preset
	 * @throws IllegalArgumentException if no preset has that id
	 */
	public static Preset fromId(String id) {
		return Arrays.stream(values())
			.filter((preset) -> preset.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown preset '" + id + "'"));
	}

	/**
	 * The name of the preset in the API and on the command line.
	 * @return the id, such as {@code fashion-mnist}
	 */
	@JsonValue
	public String id() {
		return this.id;
	}

	public Hyperparameters hyperparameters() {
		return this.hyperparameters;
	}

}
