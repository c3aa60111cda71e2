package io.simmixmatch.training;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

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
	void theBooleansNameTheWeightingTheyReplacedAndAreWrittenBackAsTheyWere(boolean flexMatch, boolean softMatch,
			boolean freeMatch, Weighting weighting) {
		ObjectNode old = JsonMapper.shared().createObjectNode();
		old.put("threshold", 0.95).put("flexMatch", flexMatch).put("softMatch", softMatch).put("freeMatch", freeMatch);

		WeightingBooleans.read(old);

		assertThat(old.get("weighting").asString()).isEqualTo(weighting.name());
		ObjectNode current = JsonMapper.shared().createObjectNode().put("weighting", weighting.name());
		WeightingBooleans.write(current);
		// FlexMatch's boolean was read only without the other two
		assertThat(current.get("flexMatch").asBoolean()).isEqualTo(weighting == Weighting.FLEXMATCH);
		assertThat(current.get("softMatch").asBoolean()).isEqualTo(softMatch);
		assertThat(current.get("freeMatch").asBoolean()).isEqualTo(freeMatch);
	}

	@ParameterizedTest
	@CsvSource({ "THRESHOLD", "FREEMATCH" })
	void aWeightingThatIsThereWinsOverTheBooleans(Weighting weighting) {
		ObjectNode stored = JsonMapper.shared().createObjectNode().put("weighting", weighting.name());
		stored.put("flexMatch", true).put("softMatch", true).put("freeMatch", false);

		WeightingBooleans.read(stored);

		assertThat(stored.get("weighting").asString()).isEqualTo(weighting.name());
	}

}
