package io.simmixmatch.training;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How strictly the service reads what clients write (requests to the API, hyperparameters
 * on the command line): an unknown name, a wrong type, a fraction for an integer, a null
 * for a number or a number for an enum is an error, not a guess. The API's mapper and the
 * command line's are both built with it.
 */
public final class StrictJson {

	private StrictJson() {
	}

	/**
	 * Makes a mapper strict.
	 * @param builder the mapper's builder
	 * @return the builder
	 */
	public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
		return builder
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
	}

}
