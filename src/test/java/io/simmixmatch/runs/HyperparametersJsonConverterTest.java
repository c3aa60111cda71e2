package io.simmixmatch.runs;

import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.Preset;
import io.simmixmatch.training.Weighting;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs stored now and runs stored by pods of the version before the weighting. */
class HyperparametersJsonConverterTest {

	private final HyperparametersJsonConverter converter = new HyperparametersJsonConverter();

	@Test
	void aRunIsStoredWithItsWeightingAndTheBooleansThePreviousVersionReads() {
		Hyperparameters flexMatch = Preset.PHOTO_32.hyperparameters();

		String column = this.converter.convertToDatabaseColumn(flexMatch);

		JsonNode stored = JsonMapper.shared().readTree(column);
		assertThat(stored.get("weighting").asString()).isEqualTo("FLEXMATCH");
		assertThat(stored.get("flexMatch").asBoolean()).isTrue();
		assertThat(stored.get("softMatch").asBoolean()).isFalse();
		assertThat(stored.get("freeMatch").asBoolean()).isFalse();
		assertThat(this.converter.convertToEntityAttribute(column)).isEqualTo(flexMatch);
	}

	@Test
	void aRunStoredByThePreviousVersionReadsWithTheWeightingItsBooleansNamed() {
		ObjectNode old = JsonMapper.shared().valueToTree(Preset.PHOTO_32.hyperparameters());
		old.remove("weighting");
		old.put("flexMatch", true).put("softMatch", true).put("freeMatch", false);

		Hyperparameters read = this.converter.convertToEntityAttribute(old.toString());

		assertThat(read.weighting()).isEqualTo(Weighting.SOFTMATCH);
	}

}
