package io.simmixmatch.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.simmixmatch.ApiEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys on a real PostgreSQL: every endpoint against missing, invalid, revoked and too
 * weak credentials, the key lifecycle, rate limits and the bound on a caller's runs.
 */
@SpringBootTest(properties = { "simmixmatch.security.mode=api-keys",
		"simmixmatch.security.admin-key=" + ApiKeySecurityTest.ADMIN_KEY,
		"simmixmatch.rate-limits.launches-per-minute=4", "simmixmatch.rate-limits.predictions-per-second=3",
		"simmixmatch.limits.max-active-runs-per-caller=2" })
@AutoConfigureMockMvc
class ApiKeySecurityTest {

	static final String ADMIN_KEY = "bootstrap-admin-key-for-the-security-tests";

	private static final JsonMapper json = JsonMapper.shared();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlers;

	@Test
	void theTableBelowNamesEveryEndpointOfTheService() {
		Set<String> served = this.handlers.getHandlerMethods()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().getBeanType().getPackageName().startsWith("io.simmixmatch"))
			.flatMap((entry) -> entry.getKey()
				.getMethodsCondition()
				.getMethods()
				.stream()
				.flatMap((method) -> entry.getKey()
					.getPathPatternsCondition()
					.getPatternValues()
					.stream()
					.map((pattern) -> method + " " + pattern)))
			.filter((endpoint) -> !endpoint.contains("/health/"))
			.collect(Collectors.toSet());
		Set<String> tabled = ApiEndpoints.rows()
			.stream()
			.filter((fields) -> !fields[1].startsWith("/actuator"))
			.map((fields) -> fields[0] + " " + fields[1])
			.collect(Collectors.toSet());
		assertThat(tabled).isEqualTo(served);
	}

	@Test
	void theTableNamesEveryExposedActuatorEndpointButTheProbes(@Autowired PathMappedEndpoints actuator) {
		Set<String> tabled = ApiEndpoints.rows()
			.stream()
			.map((fields) -> fields[1])
			.filter((path) -> path.startsWith("/actuator"))
			.collect(Collectors.toSet());
		assertThat(actuator.getAllPaths()).containsExactlyInAnyOrderElementsOf(
				Stream.concat(tabled.stream(), Stream.of("/actuator/health", "/actuator/info")).toList());
	}

	@Test
	void healthDetailsAreForAuthenticatedCallers() throws Exception {
		JsonNode anonymous = json
			.readTree(call(HttpMethod.GET, "/actuator/health", null).getResponse().getContentAsString());
		assertThat(anonymous.properties()).extracting(Map.Entry::getKey)
			.contains("status")
			.doesNotContain("components", "details");
		JsonNode reader = json
			.readTree(call(HttpMethod.GET, "/actuator/health", key(Role.READER)).getResponse().getContentAsString());
		assertThat(reader.at("/components/diskSpace/details/path").isString()).isTrue();
		assertThat(reader.at("/components/workers/details/role").isString()).isTrue();
	}

	@ParameterizedTest(name = "{0} {2} needs {3}")
	@CsvSource(textBlock = ApiEndpoints.TABLE)
	void everyEndpointRefusesMissingInvalidRevokedAndTooWeakCredentials(HttpMethod method, String pattern, String path,
			Role least) {
		assertThat(call(method, path, null)).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.bodyJson()
			.extractingPath("$.instance")
			.isEqualTo(path);
		assertThat(call(method, path, "smm_" + "x".repeat(43))).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(call(method, path, revokedKey(least))).hasStatus(HttpStatus.UNAUTHORIZED);
		for (Role role : Role.values()) {
			MvcTestResult result = call(method, path, key(role));
			if (role.compareTo(least) < 0) {
				assertThat(result).as("%s as %s", path, role)
					.hasStatus(HttpStatus.FORBIDDEN)
					.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			}
			else {
				assertThat(result.getResponse().getStatus()).as("%s as %s", path, role)
					.isNotIn(HttpStatus.UNAUTHORIZED.value(), HttpStatus.FORBIDDEN.value());
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "/actuator/health", "/actuator/health/readiness", "/actuator/info", "/v2/health/live", "/",
			"/index.html", "/js/api.js" })
	void probesAndTheDashboardPagesNeedNoCredentialsAndIgnoreAnInvalidKey(String path) {
		assertThat(call(HttpMethod.GET, path, null).getResponse().getStatus()).isEqualTo(200);
		assertThat(call(HttpMethod.GET, path, "smm_not-a-key").getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void anAdminIssuesAKeyThatIsShownOnceStoredHashedAndRefusedOnceRevoked() throws Exception {
		MvcTestResult created = this.mvc.post()
			.uri("/api/v1/keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"billing-service\", \"role\": \"reader\"}")
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		JsonNode issued = json.readTree(created.getResponse().getContentAsString());
		String key = issued.get("key").asString();
		long id = issued.get("id").asLong();
		assertThat(key).startsWith("smm_").hasSize(4 + 43);
		assertThat(issued.get("prefix").asString()).isEqualTo(key.substring(0, 12));
		assertThat(issued.get("createdBy").asString()).isEqualTo("admin");
		assertThat(this.jdbc.queryForObject("select count(*) from api_key where encode(secret_hash, 'escape') like ?",
				Long.class, "%" + key.substring(4) + "%"))
			.as("the key is not stored")
			.isZero();

		assertThat(call(HttpMethod.GET, "/api/v1/runs", key)).hasStatus(HttpStatus.OK);
		assertThat(this.mvc.get().uri("/api/v1/runs").header(ApiKeyAuthenticationFilter.API_KEY_HEADER, key))
			.hasStatus(HttpStatus.OK);
		assertThat(call(HttpMethod.GET, "/api/v1/keys", ADMIN_KEY)).bodyJson()
			.doesNotHavePath("$[0].key")
			.extractingPath("$[0].name")
			.isEqualTo("billing-service");

		assertThat(call(HttpMethod.DELETE, "/api/v1/keys/" + id, ADMIN_KEY)).hasStatus(HttpStatus.OK)
			.bodyJson()
			.hasPathSatisfying("$.revokedAt", (revokedAt) -> assertThat(revokedAt).isNotNull());
		assertThat(call(HttpMethod.GET, "/api/v1/runs", key)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aKeyBelowAdminCannotIssueKeysAndNothingIsWritten() {
		long keys = countKeys();
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key(Role.TRAINER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"escalation\", \"role\": \"ADMIN\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(countKeys()).isEqualTo(keys + 1).as("only the trainer key of this test");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"name": "", "role": "READER"}                    | name
			{"name": "a b", "role": "READER"}                 | name
			{"name": "ok", "role": "ROOT"}                    | role
			{"name": "ok"}                                    | role
			""")
	void anInvalidKeyRequestIsA400AndWritesNothing(String body, String field) {
		long keys = countKeys();
		assertThat(this.mvc.post()
			.uri("/api/v1/keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo(field);
		assertThat(countKeys()).isEqualTo(keys);
	}

	@Test
	void launchesAreBoundedByTheCallersActiveRunsAndByItsRate() {
		String trainer = key(Role.TRAINER);
		assertThat(launch(trainer)).hasStatus(HttpStatus.ACCEPTED);
		assertThat(launch(trainer)).hasStatus(HttpStatus.ACCEPTED);
		MvcTestResult bounded = launch(trainer);
		assertThat(bounded).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.hasHeader(HttpHeaders.RETRY_AFTER, "60")
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("2 runs queued or running");
		List<Long> runs = runsOf(trainer);
		assertThat(runs).hasSize(2);

		assertThat(call(HttpMethod.POST, "/api/v1/runs/" + runs.get(0) + "/cancel", trainer))
			.hasStatus(HttpStatus.ACCEPTED);
		assertThat(launch(trainer)).hasStatus(HttpStatus.ACCEPTED);
		MvcTestResult limited = launch(trainer);
		assertThat(limited).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("4 run launches a minute");
		assertThat(Long.parseLong(limited.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
		assertThat(runsOf(trainer)).hasSize(3);
		assertThat(launch(key(Role.TRAINER))).as("another caller's allowance").hasStatus(HttpStatus.ACCEPTED);
	}

	@Test
	void aStudyCountsEachOfItsRunsAgainstTheCallersActiveRunsAndWritesNothingPastThem() {
		String trainer = key(Role.TRAINER);
		MvcTestResult refused = this.mvc.post()
			.uri("/api/v1/studies")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + trainer)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"base": {"algorithm": "SUPERVISED"}, "grid": {"learningRate": [0.001, 0.002]}, "seeds": [0, 1]}""")
			.exchange();

		assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("has 0 runs queued or running; these 4 more would make 4, past the 2 one caller may have");
		assertThat(runsOf(trainer)).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from study", Long.class)).isZero();
	}

	@Test
	void theEventStreamsAloneTakeTheKeyAsAQueryParameter() {
		String reader = key(Role.READER);
		assertThat(this.mvc.get().uri("/api/v1/studies/999999/events?access_token=" + reader))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/api/v1/runs/999999/events?access_token=" + reader))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/api/v1/studies/999999?access_token=" + reader))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void predictionsPastTheCallersRateAre429WithRetryAfter() {
		String reader = key(Role.READER);
		Map<String, List<MvcTestResult>> answers = new LinkedHashMap<>();
		for (int i = 0; i < 20; i++) {
			String path = (i % 2 == 0) ? "/api/v1/predict" : "/v2/models/best/infer";
			answers.computeIfAbsent(path, (p) -> new ArrayList<>()).add(call(HttpMethod.POST, path, reader));
		}
		List<MvcTestResult> all = answers.values().stream().flatMap(List::stream).toList();
		// Three a second, spent at once: the first three pass, most of the rest wait.
		assertThat(answers.get("/api/v1/predict").subList(0, 2))
			.allSatisfy((answer) -> assertThat(answer.getResponse().getStatus()).isNotEqualTo(429));
		answers.forEach((path, results) -> assertThat(results).as(path)
			.anySatisfy((answer) -> assertThat(answer).hasStatus(HttpStatus.TOO_MANY_REQUESTS)));
		assertThat(all).filteredOn((answer) -> answer.getResponse().getStatus() == 429)
			.allSatisfy((answer) -> assertThat(answer).hasHeader(HttpHeaders.RETRY_AFTER, "1")
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private MvcTestResult launch(String key) {
		return Launches.launch(this.mvc, key);
	}

	private List<Long> runsOf(String key) {
		String name = this.jdbc.queryForObject("select name from api_key where prefix = ?", String.class,
				key.substring(0, 12));
		return this.jdbc.queryForList("select id from training_run where created_by = ? order by id", Long.class, name);
	}

	private MvcTestResult call(HttpMethod method, String path, String key) {
		var request = this.mvc.method(method).uri(path);
		if (key != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
		}
		return request.exchange();
	}

	private String key(Role role) {
		MvcTestResult created = this.mvc.post()
			.uri("/api/v1/keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"%s-%s\", \"role\": \"%s\"}".formatted(role, UUID.randomUUID(), role))
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		return json.readTree(created.getResponse().getContentAsByteArray()).get("key").asString();
	}

	private String revokedKey(Role role) {
		String key = key(role);
		long id = this.jdbc.queryForObject("select id from api_key where prefix = ?", Long.class, key.substring(0, 12));
		assertThat(call(HttpMethod.DELETE, "/api/v1/keys/" + id, ADMIN_KEY)).hasStatus(HttpStatus.OK);
		return key;
	}

	private long countKeys() {
		return this.jdbc.queryForObject("select count(*) from api_key", Long.class);
	}

}
