package io.simmixmatch.datasets;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores a list of strings as a JSON array. */
@Converter
class StringListJsonConverter implements AttributeConverter<List<String>, String> {

	private static final JsonMapper json = JsonMapper.shared();

	private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(List<String> values) {
		return json.writeValueAsString(values);
	}

	@Override
	public List<String> convertToEntityAttribute(String column) {
		return json.readValue(column, STRING_LIST);
	}

}
