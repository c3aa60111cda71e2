package io.simmixmatch.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityModeTest {

	@ParameterizedTest(name = "auto on {0} is {1}")
	@CsvSource({ "127.0.0.1, NONE", "::1, NONE", "localhost, NONE", "0.0.0.0, API_KEYS", "10.1.2.3, API_KEYS",
			"'', API_KEYS", ", API_KEYS" })
	void autoTurnsAuthenticationOffOnlyOnLoopback(String address, SecurityMode expected) {
		assertThat(SecurityMode.AUTO.resolve(address)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "NONE", "API_KEYS", "OAUTH2" })
	void anExplicitModeIsKeptOnEveryAddress(SecurityMode mode) {
		assertThat(mode.resolve("0.0.0.0")).isEqualTo(mode);
		assertThat(mode.resolve("127.0.0.1")).isEqualTo(mode);
	}

}
