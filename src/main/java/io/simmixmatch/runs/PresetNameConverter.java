package io.simmixmatch.runs;

import io.simmixmatch.training.Preset;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a preset under its id, such as {@code fashion-mnist}. */
@Converter
class PresetNameConverter implements AttributeConverter<Preset, String> {

	@Override
	public String convertToDatabaseColumn(Preset preset) {
		return preset.id();
	}

	@Override
	public Preset convertToEntityAttribute(String id) {
		return Preset.fromId(id);
	}

}
