package io.simmixmatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.simmixmatch.inference.Images;
import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.Losses;
import io.simmixmatch.training.TrainedCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input at every endpoint: malformed and mistyped JSON, oversized, chunked and
 * compressed bodies, decompression bombs, XML entities, path traversal and SQL
 * meta-characters in paths and filters, random mutations of a request. Every answer is a
 * 4xx problem detail, and no table gains, loses or changes a row. A model is promoted
 * first, so that hostile images reach the decoder rather than a 404, and every table
 * holds a row, so that a stray DELETE or UPDATE would show.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApiFuzzTest {

	private static final String PREDICT = "/api/v1/predict";

	/** The endpoints that take a body, with a content type they take. */
	private static final List<String[]> BODY_ENDPOINTS = List.of(
			new String[] { "POST", "/api/v1/runs", MediaType.APPLICATION_JSON_VALUE },
			new String[] { "PUT", "/api/v1/models/fuzz", MediaType.APPLICATION_JSON_VALUE },
			new String[] { "POST", "/api/v1/keys", MediaType.APPLICATION_JSON_VALUE },
			new String[] { "POST", PREDICT, MediaType.APPLICATION_JSON_VALUE },
			new String[] { "POST", "/v2/models/production/infer", MediaType.APPLICATION_JSON_VALUE });

	private static final List<String> HOSTILE_JSON = List.of("", " ", "{", "}", "[", "]", "null", "true", "42",
			"\"text\"", "[]", "[{}]", "{\"algorithm\":", "{'algorithm': 'SUPERVISED'}",
			"{\"algorithm\": \"SUPERVISED\",}", "{\"algorithm\": SUPERVISED}", "\u0000\u0001\u0002\u0003",
			"{\"algorithm\": \"SUPERVISED\" \"name\": \"x\"}", "{\"runId\": \"1; drop table training_run\"}",
			"{\"runId\": 1e400}", "{\"runId\": 99999999999999999999999}", "{\"runId\": -1}", "{\"runId\": NaN}",
			"{\"name\": \"x'); drop table api_key; --\", \"role\": \"READER\"}",
			"{\"name\": \"../../etc/passwd\", \"role\": \"ADMIN\"}", "{\"images\": [\"../../../../etc/passwd\"]}",
			"{\"images\": \"not a list\"}",
			"{\"inputs\": [{\"name\": \"x\", \"datatype\": \"UINT8\", \"shape\": [-1]}]}",
			"{\"algorithm\": \"SUPERVISED\", \"datasetId\": \"../../../etc\"}",
			"{\"algorithm\": \"SUPERVISED\", \"hyperparameters\": {\"epochs\": \"1; select pg_sleep(10)\"}}",
			"{\"algorithm\": \"SUPERVISED\", \"hyperparameters\": {\"batchSize\": 2147483648}}",
			"{\"algorithm\": [\"SUPERVISED\"]}", "{\"algorithm\": {\"$ne\": null}}", "[".repeat(100_000),
			"{\"a\":".repeat(50_000), "{\"name\": \"" + "x".repeat(900_000) + "\"}",
			"{\"algorithm\": \"" + "\\u0000".repeat(10_000) + "\"}", "\uFEFF{\"algorithm\": \"SUPERVISED\"",
			"{\"algorithm\": \"\uD83D\"}");

	private static final List<String> HOSTILE_SEGMENTS = List.of("..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..;",
			"' OR '1'='1", "1;drop table training_run", "-1", "99999999999999999999999", "%00", "%25ZZ", "\u202Eevil",
			"a".repeat(5_000), "$%7Bjndi:ldap:%2F%2Fx%7D", "*", "%252e%252e%252f");

	private static final List<String> HOSTILE_QUERIES = List.of("/api/v1/runs?status=' OR 1=1 --",
			"/api/v1/runs?status=QUEUED;DELETE FROM training_run", "/api/v1/runs?page=-1", "/api/v1/runs?page=1e9",
			"/api/v1/runs?size=1000000", "/api/v1/runs?size=%27", "/api/v1/runs?page=99999999999999999999",
			"/api/v1/runs/999999/metrics?format=' OR 1=1", "/v2/models/production/infer?model=../../x");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private RunLedger ledger;

	private static boolean populated;

	private Map<String, String> before;

	@BeforeEach
	void snapshotTheDatabase(@TempDir Path directory) throws Exception {
		if (!populated) {
			promoteAModelAndFillEveryTable(directory);
			populated = true;
		}
		this.before = database();
		assertThat(this.before).as("tables where a stray DELETE or UPDATE would not show").doesNotContainValue("");
	}

	@AfterEach
	void nothingWasWritten() {
		assertThat(database()).isEqualTo(this.before);
	}

	static Stream<Arguments> hostileBodies() {
		return BODY_ENDPOINTS.stream()
			.flatMap((endpoint) -> HOSTILE_JSON.stream()
				.map((body) -> Arguments.of(endpoint[0], endpoint[1], endpoint[2],
						body.length() > 60 ? body.substring(0, 60) + "… (" + body.length() + " chars)" : body, body)));
	}

	@ParameterizedTest(name = "{0} {1} {3}")
	@MethodSource("hostileBodies")
	void malformedMistypedAndMaliciousJsonIsA4xxProblem(String method, String path, String type, String shown,
			String body) {
		assertProblem(this.mvc.method(HttpMethod.valueOf(method)).uri(path).contentType(type).content(body).exchange());
	}

	@Test
	void bodiesOfEveryOtherKindAreRefusedAtEveryBodyEndpoint() throws IOException {
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
		for (String[] endpoint : BODY_ENDPOINTS) {
			HttpMethod method = HttpMethod.valueOf(endpoint[0]);
			String path = endpoint[1];
			boolean takesImages = path.equals(PREDICT);
			assertProblem(
					this.mvc.method(method).uri(path).contentType(MediaType.APPLICATION_XML).content(xxe).exchange(),
					415);
			assertProblem(
					this.mvc.method(method).uri(path).contentType(MediaType.TEXT_PLAIN).content("hello").exchange(),
					415);
			assertProblem(this.mvc.method(method)
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.CONTENT_ENCODING, "gzip")
				.content(gzip("{\"algorithm\": \"SUPERVISED\"}"))
				.exchange(), 400);
			assertProblem(this.mvc.method(method)
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.content(new byte[32 << 20])
				.exchange(), 413);
			assertProblem(this.mvc.method(method)
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.TRANSFER_ENCODING, "chunked")
				.exchange(), 411);
			assertProblem(this.mvc.method(method)
				.uri(path)
				.contentType(MediaType.IMAGE_PNG)
				.content(Images.pngClaiming(100_000, 100_000))
				.exchange(), takesImages ? 413 : 415);
			assertProblem(this.mvc.method(method)
				.uri(path)
				.multipart()
				.file(new MockMultipartFile("file", "../../etc/passwd", MediaType.IMAGE_PNG_VALUE,
						"garbage".getBytes(StandardCharsets.US_ASCII)))
				.exchange(), 415);
		}
	}

	@Test
	void hostilePathSegmentsAtEveryEndpointAreA4xxProblem() {
		for (String[] endpoint : ApiEndpoints.rows()) {
			String pattern = endpoint[1];
			if (!pattern.contains("{")) {
				continue;
			}
			for (String segment : HOSTILE_SEGMENTS) {
				String path = pattern.replaceAll("\\{[^}]+}", Matcher.quoteReplacement(segment));
				MvcTestResult result = this.mvc.method(HttpMethod.valueOf(endpoint[0]))
					.uri(java.net.URI.create(path.replace(" ", "%20").replace("'", "%27")))
					.exchange();
				assertProblem(result);
			}
		}
	}

	@Test
	void sqlMetaCharactersAndAbsurdNumbersInFiltersAreA4xxProblem() {
		for (String query : HOSTILE_QUERIES) {
			String method = query.contains("/infer") ? "POST" : "GET";
			assertProblem(this.mvc.method(HttpMethod.valueOf(method))
				.uri(java.net.URI.create(query.replace(" ", "%20").replace("'", "%27").replace(";", "%3B")))
				.exchange());
		}
	}

	@Test
	void everyEndpointAnswersAnUnsupportedMethodWith405() {
		for (String[] endpoint : ApiEndpoints.rows()) {
			assertProblem(this.mvc.method(HttpMethod.PATCH).uri(endpoint[2]).exchange(), 405);
		}
	}

	@Test
	void randomMutationsOfARunRequestAreA4xxProblem() {
		String base = "{\"algorithm\": \"NOPE\", \"name\": \"fuzz\", \"priority\": 1, \"devices\": 1, "
				+ "\"hyperparameters\": {\"epochs\": 2, \"batchSize\": 8, \"k\": 2}}";
		String alphabet = "{}[]\",:\\'0123456789eE.-+ \u0000\uFFFF\u00e9\uD83D\uDE00tnulfr";
		Random random = new Random(20261128);
		List<String> mutants = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			StringBuilder mutant = new StringBuilder(base);
			for (int edit = 1 + random.nextInt(4); edit > 0; edit--) {
				int at = random.nextInt(mutant.length());
				char c = alphabet.charAt(random.nextInt(alphabet.length()));
				switch (random.nextInt(3)) {
					case 0 -> mutant.insert(at, c);
					case 1 -> mutant.deleteCharAt(at);
					default -> mutant.setCharAt(at, c);
				}
			}
			mutants.add(mutant.toString());
		}
		for (String mutant : mutants) {
			assertProblem(this.mvc.post()
				.uri("/api/v1/runs")
				.contentType(MediaType.APPLICATION_JSON)
				.content(mutant.getBytes(StandardCharsets.UTF_8))
				.exchange());
		}
	}

	private static void assertProblem(MvcTestResult result) {
		int status = result.getResponse().getStatus();
		assertThat(status)
			.as("%s %s", result.getMvcResult().getRequest().getMethod(),
					result.getMvcResult().getRequest().getRequestURI())
			.isBetween(400, 499);
		assertThat(result.getResponse().getContentType()).as("problem detail of a %d", status)
			.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	private static void assertProblem(MvcTestResult result, int status) {
		assertProblem(result);
		assertThat(result.getResponse().getStatus()).isEqualTo(status);
	}

	private void promoteAModelAndFillEveryTable(Path directory) throws Exception {
		MvcTestResult created = this.mvc.post()
			.uri("/api/v1/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"algorithm\": \"SUPERVISED\"}")
			.exchange();
		long run = JsonMapper.shared().readTree(created.getResponse().getContentAsString()).get("id").asLong();
		this.ledger.storeCheckpoint(run,
				TrainedCheckpoints.written(CheckpointKind.BEST, TrainedCheckpoints.supervised(directory, 1)));
		this.ledger.recordEpoch(run,
				new EpochResult(1, 15, 2e-3, new Losses(1, 1, 0, 0), new Accuracy(0.5, 0.9), 100, 0, 1000, true));
		assertThat(this.mvc.put()
			.uri("/api/v1/models/production")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"runId\": " + run + "}")).hasStatusOk();
		assertThat(this.mvc.post()
			.uri("/api/v1/studies")
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"base\": {\"algorithm\": \"SUPERVISED\"}, \"grid\": {\"learningRate\": [0.001]}, \"seeds\": [0]}"))
			.hasStatus(202);
		assertThat(this.mvc.post()
			.uri("/api/v1/keys")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"fuzz\", \"role\": \"reader\"}")).hasStatus(201);
		this.jdbc.update("""
				insert into worker (name, host, pid, devices, state, started_at, heartbeat_at)
				values ('fuzz-worker', 'fuzz-host', 1, 'cpu', 'IDLE', now(), now())""");
		// An import queued for a century from now, which no poll picks
		this.jdbc.update("""
				insert into dataset_import_tasks (task_name, task_instance, execution_time, picked, version)
				values ('dataset-import', 'fuzz', now() + interval '100 years', false, 1)""");
	}

	// Each table's rows, as one text: any change to any row changes it.
	private Map<String, String> database() {
		Map<String, String> tables = new LinkedHashMap<>();
		for (String table : this.jdbc.queryForList(
				"select tablename from pg_tables where schemaname = 'public' order by tablename", String.class)) {
			tables.put(table,
					this.jdbc.queryForObject(
							"select coalesce(string_agg(t::text, '|' order by t::text), '') from " + table + " t",
							String.class));
		}
		return tables;
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

}
