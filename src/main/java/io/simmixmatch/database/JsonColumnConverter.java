package io.simmixmatch.database;

import jakarta.persistence.AttributeConverter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a value as a JSON column, and a missing one as SQL NULL.
 *
 * @param <T> the value's type
 */
public abstract class JsonColumnConverter<T> implements AttributeConverter<T, String> {

	private static final JsonMapper json = JsonMapper.shared();

	private final TypeReference<T> type;

	protected JsonColumnConverter(TypeReference<T> type) {
		this.type = type;
	}

	// SQL NULL for a missing value, not the JSON null, which no column's check accepts.
	@Override
	public @Nullable String convertToDatabaseColumn(@Nullable T value) {
		return (value != null) ? json.writeValueAsString(value) : null;
	}

	@Override
	public @Nullable T convertToEntityAttribute(@Nullable String column) {
		return (column != null) ? json.readValue(column, this.type) : null;
	}

}
