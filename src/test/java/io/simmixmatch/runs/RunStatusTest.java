package io.simmixmatch.runs;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class RunStatusTest {

	@Test
	void onlyEndedStatusesAreTerminal() {
		assertThat(EnumSet.allOf(RunStatus.class).stream().filter(RunStatus::isTerminal))
			.containsExactlyInAnyOrder(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED);
	}

	@ParameterizedTest
	@CsvSource({ "QUEUED, RUNNING", "QUEUED, CANCELLED", "RUNNING, SUCCEEDED", "RUNNING, FAILED", "RUNNING, CANCELLED",
			"RUNNING, QUEUED" })
	void legalTransitions(RunStatus from, RunStatus to) {
		assertThat(from.canTransitionTo(to)).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "QUEUED, QUEUED", "QUEUED, SUCCEEDED", "QUEUED, FAILED", "RUNNING, RUNNING" })
	void illegalTransitions(RunStatus from, RunStatus to) {
		assertThat(from.canTransitionTo(to)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = RunStatus.class, names = { "SUCCEEDED", "FAILED", "CANCELLED" })
	void aTerminalStatusNeverChanges(RunStatus terminal) {
		assertThat(EnumSet.allOf(RunStatus.class)).noneMatch(terminal::canTransitionTo);
	}

}
