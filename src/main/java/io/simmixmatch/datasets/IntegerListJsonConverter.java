package io.simmixmatch.datasets;

import java.util.List;

import io.simmixmatch.database.JsonColumnConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;

/** Stores a list of integers as a JSON array. */
@Converter
class IntegerListJsonConverter extends JsonColumnConverter<List<Integer>> {

	IntegerListJsonConverter() {
		super(new TypeReference<>() {
		});
	}

}
