package io.simmixmatch.datasets;

import java.util.Map;

import io.simmixmatch.database.JsonColumnConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;

/** Stores counts by name as a JSON object. */
@Converter
class CountsJsonConverter extends JsonColumnConverter<Map<String, Integer>> {

	CountsJsonConverter() {
		super(new TypeReference<>() {
		});
	}

}
