package io.simmixmatch.runs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, tried as a new user would: every rejection is a 4xx problem detail that
 * names the field, and nothing is written.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RunApiBadInputTest {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void startWithNoRuns() {
		this.jdbc.update("truncate training_run cascade");
	}

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					{"algorithm": "FOO"}                                                 | algorithm                      | must be one of SUPERVISED, MIXMATCH, SIMMIXMATCH, FIXMATCH, SIMFIXMATCH
					{"algorithm": 1}                                                     | algorithm                      | must be one of SUPERVISED, MIXMATCH, SIMMIXMATCH, FIXMATCH, SIMFIXMATCH
					{"algorithm": "MIXMATCH", "colour": "red"}                           | colour                         | unknown property; known here: algorithm, datasetId, devices, hyperparameters, name, preset, priority
					{"algorithm": "MIXMATCH", "preset": "huge"}                          | preset                         | must be one of seed, fashion-mnist, photo-32, photo-96
					{"algorithm": "MIXMATCH", "datasetId": "cifar-10"}                   | datasetId                      | no data set with id 'cifar-10'
					{"algorithm": "MIXMATCH", "datasetId": "../../etc/passwd"}           | datasetId                      | must be a data set id: lowercase letters, digits and dashes
					{"algorithm": "MIXMATCH", "name": "   "}                             | name                           | must not be blank
					{"algorithm": "MIXMATCH", "priority": 1000}                          | priority                       | must be less than or equal to 100
					{"algorithm": "SIMMIXMATCH", "hyperparameters": {"batchSize": 4096, "unlabeledRatio": 16, "k": 8}} | hyperparameters | a step would hold 528384 images (batchSize x (1 + unlabeledRatio x 8 views)); at most 16384
					{"algorithm": "SUPERVISED", "hyperparameters": {"epochs": 10000, "stepsPerEpoch": 100000}} | hyperparameters | the run would take 1000000000 steps (epochs x stepsPerEpoch); at most 10000000
					{"algorithm": "MIXMATCH", "devices": 0}                              | devices                        | must be greater than or equal to 1
					{"algorithm": "MIXMATCH", "devices": 17}                             | devices                        | must be less than or equal to 16
					{"algorithm": "MIXMATCH", "devices": 4, "hyperparameters": {"batchSize": 2}} | devices          | must not exceed hyperparameters.batchSize (2): each device needs images
					{"algorithm": "MIXMATCH", "hyperparameters": [1, 2]}                 | hyperparameters                | must be an object
					{"algorithm": "MIXMATCH", "hyperparameters": {"epochs": -1}}         | hyperparameters.epochs         | must be greater than or equal to 1
					{"algorithm": "MIXMATCH", "hyperparameters": {"epochs": 1000000}}    | hyperparameters.epochs         | must be less than or equal to 10000
					{"algorithm": "MIXMATCH", "hyperparameters": {"epochs": "ten"}}      | hyperparameters.epochs         | must be an integer
					{"algorithm": "MIXMATCH", "hyperparameters": {"epochs": "10"}}       | hyperparameters.epochs         | must be an integer
					{"algorithm": "MIXMATCH", "hyperparameters": {"epochs": 2.5}}        | hyperparameters.epochs         | must be an integer
					{"algorithm": "MIXMATCH", "hyperparameters": {"epochs": null}}       | hyperparameters.epochs         | must be an integer
					{"algorithm": "MIXMATCH", "hyperparameters": {"epoch": 5}}           | hyperparameters.epoch          | unknown hyperparameter
					{"algorithm": "MIXMATCH", "hyperparameters": {"learningRate": 0}}    | hyperparameters.learningRate   | must be greater than 0
					{"algorithm": "MIXMATCH", "hyperparameters": {"emaDecay": 1}}        | hyperparameters.emaDecay       | must be less than 1
					{"algorithm": "MIXMATCH", "hyperparameters": {"model": "VGG"}}       | hyperparameters.model          | must be one of SMALL_CNN, CNN_6, CNN_6_STEM, WRN_28_2, RESNET_18
					{"algorithm": "SIMMIXMATCH", "hyperparameters": {"k": 1}}            | hyperparameters.k              | must be at least 2 for SIMMIXMATCH
					{"algorithm": "MIXMATCH", "hyperparameters": {"epochs": 4, "warmupEpochs": 4}} | hyperparameters.warmupEpochs | must be less than epochs (4)
					{"algorithm": "FIXMATCH", "hyperparameters": {"weighting": "TOPMATCH"}} | hyperparameters.weighting | must be one of THRESHOLD, FLEXMATCH, FREEMATCH, SOFTMATCH
					{"algorithm": "FIXMATCH", "hyperparameters": {"weighting": null}}    | hyperparameters.weighting      | must not be null
					{"algorithm": "FIXMATCH", "hyperparameters": {"weighting": 1}}       | hyperparameters.weighting      | must be one of THRESHOLD, FLEXMATCH, FREEMATCH, SOFTMATCH
					{"algorithm": "FIXMATCH", "hyperparameters": {"flexMatch": true}}    | hyperparameters.flexMatch      | unknown hyperparameter
					{"algorithm": "MIXMATCH", "hyperparameters": {"labelsPerClass": 10000}} | hyperparameters.labelsPerClass | 10000 labeled and 500 validation images per class and 1000 test images need 11500 images per class; data set 'fashion-mnist' has 7000 in its smallest class
					""")
	void aRejectedRunNamesTheFieldAndWritesNothing(String body, String field, String message) {
		assertThat(create(body)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.errors[0].field").isEqualTo(field);
				json.assertThat().extractingPath("$.errors[0].message").isEqualTo(message);
			});
		assertNothingWritten();
	}

	@Test
	void aStepThatFitsNoLiveWorkerIsRefusedAndOneThatFitsTheLargestIsAccepted() {
		String largest = "{\"algorithm\": \"MIXMATCH\", \"hyperparameters\": {\"batchSize\": 4096}}";
		this.jdbc.update("delete from worker");
		this.jdbc.update("""
				insert into worker (name, host, pid, devices, memory_bytes, state, started_at, heartbeat_at)
				values ('small', 'h', 1, 'cpu', 8589934592, 'IDLE', now(), now()),
				       ('gone', 'h', 2, 'cpu', 1099511627776, 'IDLE', now(), now() - interval '1 hour')""");
		try {
			assertThat(create(largest)).hasStatus(HttpStatus.BAD_REQUEST)
				.bodyJson()
				.extractingPath("$.errors[0].message")
				.isEqualTo(
						"a step would need about 31.4 GiB (batchSize x (1 + unlabeledRatio x 2 views) images of 28 x 28"
								+ " on CNN_6); the largest worker has 8.0 GiB: lower batchSize or unlabeledRatio (or k, MixMatch's views)");
			assertNothingWritten();
			assertThat(create(largest.replace("4096", "512"))).as("about 4.8 GiB").hasStatus(HttpStatus.ACCEPTED);
		}
		finally {
			this.jdbc.update("delete from worker");
		}
		assertThat(create(largest)).as("no live worker to judge by").hasStatus(HttpStatus.ACCEPTED);
	}

	@Test
	void theLargestSplitTheDataSetHoldsIsAccepted() {
		assertThat(create("{\"algorithm\": \"MIXMATCH\", \"hyperparameters\": {\"labelsPerClass\": 5500}}"))
			.hasStatus(HttpStatus.ACCEPTED);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			{"algorithm":                  | Malformed JSON request body.
			``                             | Required request body is missing or unreadable.
			[]                             | The request body does not have the expected shape.
			""")
	void anUnreadableBodyIsABadRequest(String body, String detail) {
		assertThat(create(body)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo(detail);
		assertNothingWritten();
	}

	@Test
	void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/runs")
			.contentType(MediaType.TEXT_PLAIN)
			.content("algorithm=MIXMATCH")
			.exchange();

		assertThat(result).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertNothingWritten();
	}

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					/api/v1/runs?size=100000          | size   | must be less than or equal to 100
					/api/v1/runs?size=0               | size   | must be greater than or equal to 1
					/api/v1/runs?page=-1              | page   | must be greater than or equal to 0
					/api/v1/runs?page=x               | page   | must be an integer
					/api/v1/runs?status=PAUSED        | status | must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
					/api/v1/runs?status=%27;drop%20table%20training_run;-- | status | must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
					/api/v1/runs/abc                  | id     | must be an integer
					""")
	void badQueryParametersAreBadRequests(String uri, String field, String message) {
		assertThat(this.mvc.get().uri(uri)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.errors[0].field").isEqualTo(field);
				json.assertThat().extractingPath("$.errors[0].message").isEqualTo(message);
			});
	}

	private MvcTestResult create(String body) {
		return this.mvc.post().uri("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private void assertNothingWritten() {
		assertThat(this.jdbc.queryForObject("select count(*) from training_run", Long.class)).isZero();
	}

}
