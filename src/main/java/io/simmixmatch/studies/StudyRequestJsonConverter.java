package io.simmixmatch.studies;

import io.simmixmatch.database.JsonColumnConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;

/** Stores a study's request as a JSON object. */
@Converter
class StudyRequestJsonConverter extends JsonColumnConverter<CreateStudyRequest> {

	StudyRequestJsonConverter() {
		super(new TypeReference<>() {
		});
	}

}
