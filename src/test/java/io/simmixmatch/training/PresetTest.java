package io.simmixmatch.training;

import java.util.Map;
import java.util.stream.Stream;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
	void fashionMnistKeepsItsMeasuredRecipe() {
		assertThat(Preset.FASHION_MNIST.hyperparameters()).isEqualTo(new Hyperparameters(ModelArchitecture.CNN_6, 60,
				100, 64, 1, 100, 500, OptimizerType.ADAMW, 2e-3, LearningRateSchedule.CONSTANT, 0, 0.02, 0, 0, 2, 0.5,
				0.75, 75, 16, 1, 0.5, false, 0.95, 1, Weighting.THRESHOLD, false, 0.999, 0.1, 10, 0, 0));
		assertThat(Preset.FASHION_MNIST.algorithm()).isEqualTo(Algorithm.MIXMATCH);
	}

	@ParameterizedTest(name = "{0} channels, {1} x {2} px: {3}")
	@CsvSource(textBlock = """
			1, 28, 28, fashion-mnist
			1, 48, 48, fashion-mnist
			3, 32, 32, photo-32
			3, 48, 40, photo-32
			3, 49, 49, photo-96
			3, 64, 64, photo-96
			3, 32, 96, photo-96
			3, 96, 96, photo-96
			1, 96, 96, photo-96
			""")
	void aDataSetGetsThePresetMadeForItsImages(int channels, int height, int width, String preset) {
		assertThat(Preset.forImages(channels, height, width)).isEqualTo(Preset.fromId(preset));
	}

	@Test
	void photosTrainWithFixMatchAndFlexMatchThresholds() {
		assertThat(Stream.of(Preset.PHOTO_32, Preset.PHOTO_96)).allSatisfy((preset) -> {
			assertThat(preset.algorithm()).isEqualTo(Algorithm.FIXMATCH);
			assertThat(preset.hyperparameters().weighting()).isEqualTo(Weighting.FLEXMATCH);
		});
		assertThat(Preset.PHOTO_32.hyperparameters().model()).isEqualTo(ModelArchitecture.CNN_6);
		assertThat(Preset.PHOTO_96.hyperparameters().model()).isEqualTo(ModelArchitecture.CNN_6_STEM);
	}

	@Test
	void theSplitHyperparametersAreShownOnlyWhereAPlanMadeTheSplit() {
		Hyperparameters hyperparameters = Preset.PHOTO_32.hyperparameters();

		Map<String, Object> byPlan = hyperparameters.shown(false);
		Map<String, Object> byLayout = hyperparameters.shown(true);

		assertThat(byPlan).containsEntry("labelsPerClass", 100)
			.containsEntry("validationPerClass", 500)
			.containsEntry("batchSize", 16);
		assertThat(byLayout).doesNotContainKeys("labelsPerClass", "validationPerClass")
			.containsEntry("batchSize", 16)
			.hasSize(byPlan.size() - 2);
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
