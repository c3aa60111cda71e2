package io.simmixmatch.datasets;

import jakarta.persistence.AttributeConverter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a value as a JSON column.
 *
 * @param <T> the value's type
 */
abstract class JsonColumnConverter<T> implements AttributeConverter<T, String> {

	private static final JsonMapper json = JsonMapper.shared();

	private final TypeReference<T> type;

	JsonColumnConverter(TypeReference<T> type) {
		this.type = type;
	}

	@Override
	public String convertToDatabaseColumn(T value) {
		return json.writeValueAsString(value);
	}

	@Override
	public T convertToEntityAttribute(String column) {
		return json.readValue(column, this.type);
	}

}
