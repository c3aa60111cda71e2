package io.simmixmatch.training;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** FixMatch's weighting as the three booleans of the versions before it. */
class WeightingBooleansTest {

	@ParameterizedTest(name = "flexMatch {0}, softMatch {1}, freeMatch {2}: {3}")
	@CsvSource(textBlock = """
			false, false, false, THRESHOLD
			true,  false, false, FLEXMATCH
			false, true,  false, SOFTMATCH
			true,  true,  false, SOFTMATCH
			false, false, true,  FREEMATCH
			true,  false, true,  FREEMATCH
			""")
	void theBooleansNameTheWeightingTheyReplaced(boolean flexMatch, boolean softMatch, boolean freeMatch,
			Weighting weighting) {
		ObjectNode old = JsonMapper.shared().createObjectNode();
		old.put("threshold", 0.95).put("flexMatch", flexMatch).put("softMatch", softMatch).put("freeMatch", freeMatch);

		WeightingBooleans.read(old);

		assertThat(old.get("weighting").asString()).isEqualTo(weighting.name());
	}

	@ParameterizedTest
	@EnumSource
	void aWeightingIsWrittenAsTheBooleansThatReadAsIt(Weighting weighting) {
		ObjectNode written = JsonMapper.shared().createObjectNode();

		WeightingBooleans.write(written, weighting);

		long set = written.properties().stream().filter((property) -> property.getValue().asBoolean()).count();
		assertThat(set).isEqualTo((weighting == Weighting.THRESHOLD) ? 0 : 1);
		WeightingBooleans.read(written);
		assertThat(written.get("weighting").asString()).isEqualTo(weighting.name());
	}

	@ParameterizedTest
	@EnumSource(names = { "THRESHOLD", "FREEMATCH" })
	void aWeightingThatIsThereWinsOverTheBooleans(Weighting weighting) {
		ObjectNode stored = JsonMapper.shared().createObjectNode().put("weighting", weighting.name());
		stored.put("flexMatch", true).put("softMatch", true).put("freeMatch", false);

		WeightingBooleans.read(stored);

		assertThat(stored.get("weighting").asString()).isEqualTo(weighting.name());
	}

}
