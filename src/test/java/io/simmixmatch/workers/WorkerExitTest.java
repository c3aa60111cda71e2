package io.simmixmatch.workers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerExitTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			137 | true  | w was killed by SIGKILL (exit status 137), as the kernel's out-of-memory killer
			3   | false | w ran out of Java heap (exit status 3)
			143 | false | w was killed by signal 15 (exit status 143)
			1   | false | w exited with status 1
			""")
	void namesHowAWorkerEnded(int status, boolean killed, String description) {
		WorkerExit exit = new WorkerExit(status);
		assertThat(exit.killed()).isEqualTo(killed);
		assertThat(exit.describe("w")).startsWith(description);
	}

}
