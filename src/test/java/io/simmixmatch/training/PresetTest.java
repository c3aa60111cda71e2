package io.simmixmatch.training;

import java.util.stream.Stream;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PresetTest {

	@ParameterizedTest
	@EnumSource(Preset.class)
	void everyPresetSatisfiesTheHyperparameterBounds(Preset preset) {
		try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
			Validator validator = factory.getValidator();
			assertThat(validator.validate(preset.hyperparameters())).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Preset.class)
	void everyPresetRunsEveryAlgorithm(Preset preset) {
		assertThat(Stream.of(Algorithm.values())).allSatisfy((algorithm) -> assertThat(preset.hyperparameters().k())
			.isGreaterThanOrEqualTo(algorithm.minimumViews()));
	}

	@Test
	void seedPresetKeepsTheOriginalHyperparameters() {
		Hyperparameters seed = Preset.SEED.hyperparameters();
		assertThat(seed.model()).isEqualTo(ModelArchitecture.RESNET_18);
		assertThat(seed.learningRate()).isEqualTo(4e-4);
		assertThat(seed.weightDecay()).isEqualTo(5e-4);
		assertThat(seed.batchSize()).isEqualTo(512);
		assertThat(seed.stepsPerEpoch()).isEqualTo(30);
		assertThat(seed.epochs()).isEqualTo(300);
		assertThat(seed.k()).isEqualTo(2);
		assertThat(seed.temperature()).isEqualTo(0.1);
		assertThat(seed.alpha()).isEqualTo(0.75);
		assertThat(seed.lambdaU()).isEqualTo(50);
		assertThat(seed.rampupEpochs()).isEqualTo(seed.epochs());
		assertThat(seed.lambdaSim()).isEqualTo(1);
		assertThat(seed.emaDecay()).isEqualTo(0.999);
		assertThat(seed.checkpointEvery()).isEqualTo(50);
	}

	@Test
	void totalStepsMultipliesEpochsBySteps() {
		assertThat(Preset.SEED.hyperparameters().totalSteps()).isEqualTo(9_000);
	}

	@Test
	void presetsAreFoundByTheirId() {
		assertThat(Preset.fromId("seed")).isEqualTo(Preset.SEED);
		assertThat(Preset.fromId("fashion-mnist")).isEqualTo(Preset.FASHION_MNIST);
		assertThatIllegalArgumentException().isThrownBy(() -> Preset.fromId("FASHION_MNIST"))
			.withMessageContaining("FASHION_MNIST");
	}

}
