package io.simmixmatch.runs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * A launch answers how long the run will train, from the throughput that earlier runs of
 * its backbone, algorithm and image size measured, and a run estimated past the ceiling
 * is refused.
 */
@SpringBootTest(properties = "simmixmatch.limits.max-training-time=2h")
@AutoConfigureMockMvc
class RunTimeEstimateTest {

	// 20 epochs of 30 steps of 16 labeled and 16 x 7 unlabeled images: 76,800 images.
	private static final String FIXMATCH = """
			{"algorithm": "FIXMATCH", "hyperparameters": {"model": "CNN_6", "epochs": 20, "stepsPerEpoch": 30,
			 "batchSize": 16, "unlabeledRatio": 7%s}}""";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void startWithNoRuns() {
		this.jdbc.update("truncate training_run cascade");
	}

	@Test
	void aRunWithoutAMeasuredTwinHasNoEstimate() {
		succeeded(create(FIXMATCH.formatted(", \"model\": \"SMALL_CNN\"")), 100);
		succeeded(create(FIXMATCH.replace("FIXMATCH", "MIXMATCH").formatted("")), 100);

		assertThat(create(FIXMATCH.formatted(""))).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.estimate")
			.isNull();
	}

	@Test
	void theEstimateIsTheRunsImagesAtTheMedianOfTheLatestFiveMeasuredRuns() {
		// Seven runs, whose median is 32; the two oldest fall out of the latest five,
		// whose
		// median is 64.
		for (double imagesPerSecond : new double[] { 17, 18, 32, 256, 64, 24, 128 }) {
			succeeded(create(FIXMATCH.formatted("")), imagesPerSecond);
		}
		assertThat(create(FIXMATCH.formatted(""))).as("queued, not measured").hasStatus(HttpStatus.ACCEPTED);

		MvcTestResult launched = create(FIXMATCH.formatted(""));

		assertThat(launched).hasStatus(HttpStatus.ACCEPTED).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.estimate.imagesPerSecond").isEqualTo(64.0);
			json.assertThat().extractingPath("$.estimate.measuredRuns").isEqualTo(5);
			json.assertThat().extractingPath("$.estimate.minutes").isEqualTo(76_800 / 64.0 / 60);
		});
		long id = this.jdbc.queryForObject("select max(id) from training_run", Long.class);
		assertThat(this.mvc.get().uri("/api/v1/runs/" + id)).bodyJson()
			.extractingPath("$.estimate.minutes")
			.as("kept with the run")
			.isEqualTo(20.0);
	}

	@Test
	void aTimeBudgetShorterThanTheStepsIsTheEstimate() {
		succeeded(create(FIXMATCH.formatted("")), 64);

		assertThat(create(FIXMATCH.formatted(", \"maxMinutes\": 5"))).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.estimate.minutes")
			.isEqualTo(5.0);
	}

	@Test
	void aRunEstimatedPastTheCeilingIsRefusedAndOneWithABudgetWithinItIsAccepted() {
		succeeded(create(FIXMATCH.formatted("")), 8);
		long before = this.jdbc.queryForObject("select count(*) from training_run", Long.class);

		// 76,800 images at 8 images/s: 160 minutes, past the 2 hours allowed.
		assertThat(create(FIXMATCH.formatted(""))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.errors[0].field").isEqualTo("hyperparameters");
				json.assertThat()
					.extractingPath("$.errors[0].message")
					.isEqualTo("the run would train about 2.7 hours (600 steps of 128 images at the 8 images/s that"
							+ " runs like it measured); at most 2.0 hours: lower epochs or stepsPerEpoch, or set maxMinutes");
			});
		assertThat(this.jdbc.queryForObject("select count(*) from training_run", Long.class)).isEqualTo(before);

		assertThat(create(FIXMATCH.formatted(", \"maxMinutes\": 120"))).hasStatus(HttpStatus.ACCEPTED);
		assertThat(create(FIXMATCH.replace("\"epochs\": 20", "\"epochs\": 2000").formatted(", \"maxMinutes\": 180")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("maxMinutes allows 3.0 hours of training; at most 2.0 hours");
	}

	@Test
	void runsOnOtherNumbersOfDevicesDoNotCount() {
		succeeded(create(FIXMATCH.formatted("")), 64);

		assertThat(create(FIXMATCH.replace("{\"algorithm\"", "{\"devices\": 2, \"algorithm\"").formatted("")))
			.as("their images per second are two devices' together")
			.hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.estimate")
			.isNull();
	}

	private MvcTestResult create(String body) {
		return this.mvc.post().uri("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	// What a worker leaves behind: the run succeeded at the throughput it measured.
	private void succeeded(MvcTestResult created, double imagesPerSecond) {
		assertThat(created).hasStatus(HttpStatus.ACCEPTED);
		long id = this.jdbc.queryForObject("select max(id) from training_run", Long.class);
		this.jdbc.update("""
				update training_run set status = 'SUCCEEDED', images_per_second = ?,
				       finished_at = now() + id * interval '1 second' where id = ?""", imagesPerSecond, id);
	}

}
