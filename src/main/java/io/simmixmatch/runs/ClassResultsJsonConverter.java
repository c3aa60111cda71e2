package io.simmixmatch.runs;

import io.simmixmatch.database.JsonColumnConverter;
import io.simmixmatch.training.ClassResults;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;

/** Stores a run's class results as a JSON object. */
@Converter
class ClassResultsJsonConverter extends JsonColumnConverter<ClassResults> {

	ClassResultsJsonConverter() {
		super(new TypeReference<>() {
		});
	}

}
