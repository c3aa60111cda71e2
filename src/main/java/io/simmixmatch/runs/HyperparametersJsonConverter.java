package io.simmixmatch.runs;

import io.simmixmatch.database.JsonColumnConverter;
import io.simmixmatch.training.Hyperparameters;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;

/** Stores the hyperparameters of a run as a JSON object. */
@Converter
class HyperparametersJsonConverter extends JsonColumnConverter<Hyperparameters> {

	HyperparametersJsonConverter() {
		super(new TypeReference<>() {
		});
	}

}
