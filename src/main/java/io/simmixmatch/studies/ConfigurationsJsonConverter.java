package io.simmixmatch.studies;

import java.util.List;
import java.util.Map;

import io.simmixmatch.database.JsonColumnConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;

/** Stores a study's configurations as a JSON array of objects. */
@Converter
class ConfigurationsJsonConverter extends JsonColumnConverter<List<Map<String, Object>>> {

	ConfigurationsJsonConverter() {
		super(new TypeReference<>() {
		});
	}

}
