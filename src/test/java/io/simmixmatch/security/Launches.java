package io.simmixmatch.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The smallest run launch, with bearer credentials. */
final class Launches {

	private Launches() {
	}

	static MvcTestResult launch(MockMvcTester mvc, String credentials) {
		return mvc.post()
			.uri("/api/v1/runs")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + credentials)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"algorithm\": \"SUPERVISED\"}")
			.exchange();
	}

}
