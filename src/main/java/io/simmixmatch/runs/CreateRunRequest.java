package io.simmixmatch.runs;

import java.util.Map;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Preset;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A request to train a model.
 *
 * @param name a name for people; defaults to the algorithm and data set
 * @param datasetId the data set to train on; defaults to the built-in Fashion-MNIST
 * @param algorithm SUPERVISED, MIXMATCH, SIMMIXMATCH, FIXMATCH or SIMFIXMATCH; defaults
 * to the preset's
 * @param preset the starting hyperparameters; defaults to the one made for the data set's
 * images: {@code fashion-mnist} for grayscale ones of at most 48 px, {@code photo-32} for
 * RGB ones, {@code photo-96} for larger ones
 * @param priority queued runs with a higher priority start first; defaults to 0
 * @param devices how many of its worker's devices the run may train on, data parallel;
 * defaults to 1
 * @param hyperparameters overrides of the preset's hyperparameters, by name
 */
public record CreateRunRequest(
		@Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
		@Nullable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}",
				message = "must be a data set id: lowercase letters, digits and dashes") String datasetId,
		@Nullable Algorithm algorithm, @Nullable Preset preset, @Nullable @Min(-100) @Max(100) Integer priority,
		@Nullable @Min(1) @Max(16) Integer devices,
		@Schema(description = "Overrides of the preset's hyperparameters by name, e.g. {\"epochs\": 5, \"lambdaSim\": 0.5}",
				example = "{\"epochs\": 5, \"stepsPerEpoch\": 50}") @Nullable Map<String, Object> hyperparameters) {

}
