package io.simmixmatch.datasets;

import java.util.List;

import io.simmixmatch.database.JsonColumnConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;

/** Stores a list of strings as a JSON array. */
@Converter
class StringListJsonConverter extends JsonColumnConverter<List<String>> {

	StringListJsonConverter() {
		super(new TypeReference<>() {
		});
	}

}
