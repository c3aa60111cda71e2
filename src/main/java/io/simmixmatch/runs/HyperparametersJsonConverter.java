package io.simmixmatch.runs;

import io.simmixmatch.training.Hyperparameters;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.json.JsonMapper;

/** Stores the hyperparameters of a run as a JSON object. */
@Converter
class HyperparametersJsonConverter implements AttributeConverter<Hyperparameters, String> {

	private static final JsonMapper json = JsonMapper.shared();

	@Override
	public String convertToDatabaseColumn(Hyperparameters hyperparameters) {
		return json.writeValueAsString(hyperparameters);
	}

	@Override
	public Hyperparameters convertToEntityAttribute(String column) {
		return json.readValue(column, Hyperparameters.class);
	}

}
