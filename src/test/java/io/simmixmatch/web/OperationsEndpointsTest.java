package io.simmixmatch.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and API clients find besides the API: health, metrics, info, docs. */
@SpringBootTest
@AutoConfigureMockMvc
class OperationsEndpointsTest {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void livenessIsUp() {
		assertThat(this.mvc.get().uri("/actuator/health/liveness")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void readinessIncludesTheDatabase() {
		assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.components.db.status")
			.isEqualTo("UP");
	}

	@Test
	void prometheusScrapesPoolAndRequestMetrics() {
		this.mvc.get().uri("/api/v1/datasets").exchange();

		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatusOk()
			.bodyText()
			.contains("hikaricp_connections_active")
			.contains("http_server_requests_seconds_count")
			.contains("simmixmatch_runs_queued")
			.contains("application=\"simmixmatch\"");
	}

	@Test
	void infoShowsTheBuildVersion() {
		assertThat(this.mvc.get().uri("/actuator/info")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.build.artifact")
			.isEqualTo("simmixmatch");
	}

	@Test
	void theOpenApiDocumentDescribesTheRunsApi() {
		assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.info.title").isEqualTo("SimMixMatch API");
			json.assertThat().extractingPath("$.paths['/api/v1/runs'].post").isNotNull();
			json.assertThat().extractingPath("$.paths['/api/v1/runs/{id}/cancel'].post").isNotNull();
			json.assertThat().extractingPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
			json.assertThat().extractingPath("$.paths['/api/v1/keys'].post").isNotNull();
			json.assertThat()
				.extractingPath("$.components.schemas.CreateRunRequest.properties.algorithm.enum")
				.asArray()
				.contains("FIXMATCH", "MIXMATCH");
			json.assertThat().doesNotHavePath("$.components.schemas.CreateRunRequest.required");
		});
	}

	@Test
	void swaggerUiIsServed() {
		assertThat(this.mvc.get().uri("/swagger-ui/index.html")).hasStatusOk();
	}

	@Test
	void theBuiltInDatasetIsListed() {
		assertThat(this.mvc.get().uri("/api/v1/datasets/fashion-mnist")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.classNames[9]")
			.isEqualTo("Ankle boot");
		assertThat(this.mvc.get().uri("/api/v1/datasets/imagenet")).hasStatus4xxClientError()
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No data set with id 'imagenet'");
	}

}
