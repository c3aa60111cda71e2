package io.simmixmatch.runs;

import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.WeightingBooleans;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores the hyperparameters of a run as a JSON object, with the weighting also as the
 * booleans that pods of the version before migration V23 read
 * ({@link WeightingBooleans}).
 */
@Converter
class HyperparametersJsonConverter implements AttributeConverter<Hyperparameters, String> {

	private static final JsonMapper json = JsonMapper.shared();

	@Override
	public @Nullable String convertToDatabaseColumn(@Nullable Hyperparameters hyperparameters) {
		if (hyperparameters == null) {
			return null;
		}
		ObjectNode tree = json.valueToTree(hyperparameters);
		WeightingBooleans.write(tree, hyperparameters.weighting());
		return json.writeValueAsString(tree);
	}

	@Override
	public @Nullable Hyperparameters convertToEntityAttribute(@Nullable String column) {
		if (column == null) {
			return null;
		}
		ObjectNode tree = (ObjectNode) json.readTree(column);
		WeightingBooleans.read(tree);
		return json.treeToValue(tree, Hyperparameters.class);
	}

}
