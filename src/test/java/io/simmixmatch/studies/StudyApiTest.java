package io.simmixmatch.studies;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.runs.RunStatus;
import io.simmixmatch.training.Accuracy;
import io.simmixmatch.training.ClassResults;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.Losses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The contract of /api/v1/studies on a real PostgreSQL, with the runs' ledger standing in
 * for workers: planning, bad input, cancel, the CSV and the median rule. The flow with
 * real workers is {@code StudyFlowTest}.
 */
@SpringBootTest(properties = "simmixmatch.studies.max-runs=12")
@AutoConfigureMockMvc
class StudyApiTest {

	private static final String ABLATION = """
			{"name": "ablation", "base": {"hyperparameters": {"epochs": 2, "stepsPerEpoch": 3}},
			 "grid": {"algorithm": ["SUPERVISED", "MIXMATCH", "SIMMIXMATCH"], "lambdaSim": [0.25, 1.0]},
			 "seeds": [0, 1, 2], "baseline": {"algorithm": "SUPERVISED"}}""";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private RunLedger ledger;

	@BeforeEach
	void startWithNoStudies() {
		this.jdbc.update("truncate training_run, study cascade");
	}

	@Test
	void aGridStudyQueuesOneRunPerConfigurationAndSeed() {
		MvcTestResult created = create(ABLATION);

		assertThat(created).hasStatus(HttpStatus.ACCEPTED);
		long id = this.jdbc.queryForObject("select id from study", Long.class);
		assertThat(created).headers().hasValue(HttpHeaders.LOCATION, "http://localhost/api/v1/studies/" + id);
		assertThat(created).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.status").isEqualTo("ACTIVE");
			json.assertThat().extractingPath("$.strategy").isEqualTo("GRID");
			json.assertThat().extractingPath("$.metric").isEqualTo("test");
			json.assertThat().extractingPath("$.baseline").isEqualTo(0);
			json.assertThat()
				.extractingPath("$.configurations[*].label")
				.asArray()
				.containsExactly("SUPERVISED", "MIXMATCH", "SIMMIXMATCH lambdaSim=0.25", "SIMMIXMATCH lambdaSim=1.0");
			json.assertThat().extractingPath("$.configurations[3].runs[*].seed").asArray().containsExactly(0, 1, 2);
			json.assertThat().extractingPath("$.configurations[3].runs[0].status").isEqualTo("QUEUED");
			json.assertThat().extractingPath("$.configurations[1].top1.n").isEqualTo(0);
			json.assertThat().extractingPath("$.best").isNull();
		});
		// Ordinary runs, listed by their study, with the base's and the grid's values
		assertThat(this.jdbc.queryForObject("select count(*) from study_run where study_id = ?", Long.class, id))
			.isEqualTo(12);
		long run = runOf(id, 3, 2);
		assertThat(created).bodyJson().extractingPath("$.configurations[3].runs[2].id").asNumber().isEqualTo((int) run);
		assertThat(this.mvc.get().uri("/api/v1/runs/{id}", run)).hasStatusOk().bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.name").isEqualTo("ablation · SIMMIXMATCH lambdaSim=1.0 · seed 2");
			json.assertThat().extractingPath("$.hyperparameters.lambdaSim").isEqualTo(1.0);
			json.assertThat().extractingPath("$.hyperparameters.epochs").isEqualTo(2);
			json.assertThat().extractingPath("$.algorithm").isEqualTo("SIMMIXMATCH");
		});
		assertThat(this.mvc.get().uri("/api/v1/studies")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[0].id")
			.isEqualTo((int) id);
	}

	@Test
	void aRandomSearchDrawsItsTrialsAndAddsTheBaselineItDidNotDraw() {
		MvcTestResult created = create("""
				{"name": "sweep", "base": {"algorithm": "SIMMIXMATCH", "hyperparameters": {"epochs": 1}},
				 "random": {"trials": 3, "seed": 11, "ranges": {"lambdaSim": {"min": 0.05, "max": 1, "log": true}}},
				 "seeds": [0, 1], "baseline": {"algorithm": "MIXMATCH"}}""");

		assertThat(created).hasStatus(HttpStatus.ACCEPTED).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.strategy").isEqualTo("RANDOM");
			json.assertThat().extractingPath("$.configurations.length()").isEqualTo(4);
			json.assertThat().extractingPath("$.baseline").isEqualTo(3);
			json.assertThat().extractingPath("$.configurations[3].label").isEqualTo("MIXMATCH");
			json.assertThat()
				.extractingPath("$.configurations[0:3].values.lambdaSim")
				.asArray()
				.allSatisfy((value) -> assertThat(((Number) value).doubleValue()).isBetween(0.05, 1.0));
		});
		assertThat(this.jdbc.queryForObject("select count(*) from training_run", Long.class)).isEqualTo(8);
	}

	@Test
	void cancellingAStudyCancelsItsRunsAndEndsIt() {
		long id = studyId(create(ABLATION));
		long running = runOf(id, 1, 0);
		this.ledger.start(running, "worker-under-test", List.of("cpu"));

		assertThat(this.mvc.post().uri("/api/v1/studies/{id}/cancel", id)).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.cancelRequested")
			.isEqualTo(true);

		assertThat(
				this.jdbc.queryForList("select distinct status from training_run where id <> ?", String.class, running))
			.containsExactly("CANCELLED");
		assertThat(this.jdbc.queryForObject("select cancel_requested from training_run where id = ?", Boolean.class,
				running))
			.as("a running run stops after its step")
			.isTrue();
		assertThat(this.mvc.get().uri("/api/v1/studies/{id}", id)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("ACTIVE");
		this.ledger.finish(running, RunStatus.CANCELLED, null, null, null);
		assertThat(this.mvc.get().uri("/api/v1/studies/{id}", id)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("ENDED");
		assertThat(this.mvc.post().uri("/api/v1/studies/{id}/cancel", id)).as("as for an ended run")
			.hasStatus(HttpStatus.CONFLICT);
	}

	@Test
	void cancellingAStudyWhileItsWorkersReportProgressIsAcceptedAndReachesThem() throws Exception {
		String pair = """
				{"name": "pair", "base": {"algorithm": "SUPERVISED", "hyperparameters": {"epochs": 2, "stepsPerEpoch": 3}},
				 "grid": {"learningRate": [0.001, 0.002]}, "seeds": [0]}""";
		for (int attempt = 0; attempt < 20; attempt++) {
			long id = studyId(create(pair));
			List<CompletableFuture<Void>> workers = new ArrayList<>();
			for (int configuration = 0; configuration < 2; configuration++) {
				long run = runOf(id, configuration, 0);
				this.ledger.start(run, "worker-" + configuration, List.of("cpu"));
				workers.add(CompletableFuture.runAsync(() -> {
					boolean cancelSeen = false;
					for (long step = 1; !cancelSeen; step++) {
						cancelSeen = this.ledger.recordProgress(run, step, 1000, 1, 100.0, 60);
					}
				}));
			}

			assertThat(this.mvc.post().uri("/api/v1/studies/{id}/cancel", id)).hasStatus(HttpStatus.ACCEPTED);
			CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void theTableAggregatesSucceededRunsAndComparesThemWithTheBaselineAlsoAsCsv() throws Exception {
		long id = studyId(create("""
				{"name": "pair", "base": {"hyperparameters": {"epochs": 1, "stepsPerEpoch": 3}},
				 "grid": {"algorithm": ["SUPERVISED", "MIXMATCH"]}, "seeds": [0, 1, 2],
				 "baseline": {"algorithm": "SUPERVISED"}}"""));
		double[][] top1 = { { 0.78, 0.80, 0.82 }, { 0.80, 0.84, 0.83 } };
		// Of ten images of each of two classes, right: balanced accuracy 0.5, 0.6, 0.7
		// and
		// 0.75, 0.8, 0.85
		int[][][] right = { { { 5, 5 }, { 6, 6 }, { 7, 7 } }, { { 7, 8 }, { 8, 8 }, { 8, 9 } } };
		for (int configuration = 0; configuration < 2; configuration++) {
			for (int seed = 0; seed < 3; seed++) {
				long run = runOf(id, configuration, seed);
				int[] hits = right[configuration][seed];
				ClassResults classes = new ClassResults("test", List.of("shoes", "bags"),
						new long[][] { { hits[0], 10 - hits[0] }, { 10 - hits[1], hits[1] } });
				this.ledger.start(run, "worker-under-test", List.of("cpu"));
				this.ledger.finish(run, RunStatus.SUCCEEDED, null, new Accuracy(top1[configuration][seed], 0.99),
						classes);
			}
		}

		// The hand-computed case of SeedStatisticsTest: mean difference 0.023333, p = 1 -
		// sqrt(7) / 3
		assertThat(this.mvc.get().uri("/api/v1/studies/{id}", id)).hasStatusOk().bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.status").isEqualTo("ENDED");
			json.assertThat().extractingPath("$.best").isEqualTo(1);
			json.assertThat().extractingPath("$.configurations[0].top1.n").isEqualTo(3);
			json.assertThat()
				.extractingPath("$.configurations[0].top1.mean")
				.asNumber()
				.satisfies((mean) -> assertThat(mean.doubleValue()).isCloseTo(0.8, within(1e-12)));
			json.assertThat().extractingPath("$.configurations[0].againstBaseline").isNull();
			json.assertThat()
				.extractingPath("$.configurations[1].balancedAccuracy.mean")
				.asNumber()
				.satisfies((mean) -> assertThat(mean.doubleValue()).isCloseTo(0.8, within(1e-12)));
			json.assertThat()
				.extractingPath("$.configurations[1].runs[2].balancedAccuracy")
				.asNumber()
				.satisfies((balanced) -> assertThat(balanced.doubleValue()).isCloseTo(0.85, within(1e-12)));
			json.assertThat().extractingPath("$.configurations[1].againstBaseline.pairs").isEqualTo(3);
			json.assertThat()
				.extractingPath("$.configurations[1].againstBaseline.pValue")
				.asNumber()
				.satisfies((p) -> assertThat(p.doubleValue()).isBetween(0.11808, 0.11809));
		});
		String csv = this.mvc.get()
			.uri("/api/v1/studies/{id}", id)
			.accept("text/csv")
			.exchange()
			.getResponse()
			.getContentAsString();
		// The wall time is whatever the ledger's start and end took
		assertThat(csv.lines().toList()).hasSize(3)
			.satisfies((lines) -> assertThat(lines.get(0)).isEqualTo(StudyCsv.HEADER))
			.satisfies((lines) -> assertThat(lines.get(1))
				.matches("0,\"SUPERVISED\",true,3,3,test,0.800000,0.020000,0.990000,0.000000,0.600000,0.100000,"
						+ "\\d+\\.\\d{6},,,,,"))
			.satisfies((lines) -> assertThat(lines.get(2))
				.matches("1,\"MIXMATCH\",false,3,3,test,0.823333,0.020817,0.990000,0.000000,0.800000,0.050000,"
						+ "\\d+\\.\\d{6},,0.023333,-0.014612,0.061279,0.118083"));
	}

	@Test
	void theMedianRuleStopsARunBelowTheMedianOfTheOthersAtTheSameEpoch() {
		long id = studyId(
				create("""
						{"name": "sweep", "base": {"algorithm": "SUPERVISED", "hyperparameters": {"epochs": 3, "stepsPerEpoch": 3}},
						 "grid": {"learningRate": [0.001, 0.002]}, "seeds": [0, 1],
						 "medianStopping": {"graceEpochs": 1, "minRuns": 3}}"""));
		long[] runs = { runOf(id, 0, 0), runOf(id, 0, 1), runOf(id, 1, 0), runOf(id, 1, 1) };
		double[] top1 = { 0.6, 0.7, 0.8, 0.5 };
		for (int i = 0; i < runs.length; i++) {
			this.ledger.start(runs[i], "worker-under-test", List.of("cpu"));
			this.ledger.recordEpoch(runs[i], epoch(1, 0.1));
		}
		// Epoch 1 is within the grace epochs; at epoch 2 the last run is below the median
		// 0.7 of the other three, and only it; the first two had too few others to
		// compare
		for (int i = 0; i < runs.length; i++) {
			this.ledger.recordEpoch(runs[i], epoch(2, top1[i]));
		}

		assertThat(this.jdbc.queryForList("select id from training_run where cancel_requested", Long.class))
			.containsExactly(runs[3]);
		assertThat(this.mvc.get().uri("/api/v1/runs/{id}", runs[3])).bodyJson()
			.extractingPath("$.stoppedEarly")
			.isEqualTo(
					"the study's median rule at epoch 2: validation top-1 0.5000 is below the median 0.7000 of 3 other runs");
		assertThat(this.mvc.get().uri("/api/v1/studies/{id}/curves", id)).hasStatusOk()
			.bodyJson()
			.extractingPath("$['" + runs[3] + "'][*].valTop1")
			.asArray()
			.containsExactly(0.1, 0.5);
	}

	@ParameterizedTest(name = "{1}: {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
									{"base": {}, "grid": {"algorithm": ["MIXMATCH"], "lambdaX": [1]}, "seeds": [0]}                     | grid.lambdaX                  | unknown hyperparameter
									{"base": {"datasetId": "shop"}, "grid": {"algorithm": ["MIXMATCH"]}, "seeds": [0]}                 | base.datasetId                | unknown property; known here: algorithm, hyperparameters, preset
									{"base": {"algorithm": "MIXMATCH"}, "grid": {}, "seeds": [0]}                                      | grid                          | must vary the algorithm or at least one hyperparameter
									{"base": {"algorithm": "MIXMATCH"}, "grid": {"lambdaU": []}, "seeds": [0]}                         | grid.lambdaU                  | must list at least one value
									{"base": {"algorithm": "MIXMATCH"}, "grid": {"lambdaU": [1, 2, 3, 4, 5]}, "seeds": [0, 1, 2]}     | grid                          | 5 configurations x 3 seeds make 15 runs; a study may launch at most 12
									{"base": {}, "grid": {"algorithm": ["MIXMATCH", "SIMMIXMATCH"]}, "seeds": [0], "baseline": {"algorithm": "SUPERVISED"}} | baseline | is no configuration of the grid: SUPERVISED is not among MIXMATCH, SIMMIXMATCH
									{"base": {}, "grid": {"algorithm": ["MIXMATCH", "BYOL"]}, "seeds": [0]}                            | grid.algorithm                | must be one of [SUPERVISED, MIXMATCH, SIMMIXMATCH, FIXMATCH, SIMFIXMATCH]
									{"base": {}, "grid": {"algorithm": [null]}, "seeds": [0]}                                          | grid.algorithm                | must be one of [SUPERVISED, MIXMATCH, SIMMIXMATCH, FIXMATCH, SIMFIXMATCH]
							{"base": {"algorithm": "MIXMATCH"}, "grid": {"lambdaU": [1]}, "seeds": [0], "baseline": {"algorithm": null}} | baseline.algorithm | must be one of [SUPERVISED, MIXMATCH, SIMMIXMATCH, FIXMATCH, SIMFIXMATCH]
							{"base": {"algorithm": "MIXMATCH"}, "random": {"trials": 2, "ranges": {"lambdaU": null}}, "seeds": [0]} | random.ranges[lambdaU] | must not be null
							{"base": {}, "grid": {"algorithm": ["MIXMATCH"]}, "seeds": [0], "baseline": {"lambdaU": 1}}     | baseline.algorithm            | must be given where the base names none
					{"base": {"algorithm": "MIXMATCH"}, "grid": {"seed": [1, 2]}, "seeds": [0]}                       | grid.seed                     | seeds are given by 'seeds'
									{"base": {"algorithm": "MIXMATCH"}, "grid": {"lambdaU": [-1, 10]}, "seeds": [0]}                  | grid.lambdaU                  | must be greater than or equal to 0 (in MIXMATCH lambdaU=-1)
									{"base": {"algorithm": "MIXMATCH", "hyperparameters": {"epochs": 0}}, "grid": {"lambdaU": [1]}, "seeds": [0]} | base.hyperparameters.epochs | must be greater than or equal to 1 (in MIXMATCH lambdaU=1)
									{"base": {"algorithm": "MIXMATCH"}, "grid": {"lambdaU": ["a lot"]}, "seeds": [0]}                 | grid.lambdaU                  | must be a number (in MIXMATCH lambdaU=a lot)
									{"base": {"algorithm": "MIXMATCH"}, "grid": {"lambdaU": [1]}, "seeds": [0, 0]}                    | seeds                         | must not repeat a seed
									{"base": {"algorithm": "MIXMATCH"}, "grid": {"lambdaU": [1]}, "seeds": []}                        | seeds                         | must not be empty
									{"base": {}, "grid": {"lambdaU": [1]}, "seeds": [0]}                                              | base.algorithm                | must be given, here or as a dimension of the grid
									{"base": {"algorithm": "MIXMATCH"}, "grid": {"lambdaU": [1]}, "random": {"trials": 2, "ranges": {"lambdaU": {"min": 1, "max": 2}}}, "seeds": [0]} | grid | give either a grid or a random search, not both or neither
									{"base": {"algorithm": "MIXMATCH"}, "random": {"trials": 2, "ranges": {"lambdaU": {"min": 2, "max": 1}}}, "seeds": [0]} | random.ranges.lambdaU | min must not exceed max
									{"base": {"algorithm": "MIXMATCH"}, "random": {"trials": 2, "ranges": {"lambdaU": {"min": 0, "max": 1, "log": true}}}, "seeds": [0]} | random.ranges.lambdaU | a logarithmic range needs min above 0
									{"base": {"algorithm": "MIXMATCH"}, "random": {"trials": 2, "ranges": {"lambdaU": {"values": [1], "min": 0}}}, "seeds": [0]} | random.ranges.lambdaU | must give either values or both min and max
									{"datasetId": "cifar-10", "base": {"algorithm": "MIXMATCH"}, "grid": {"lambdaU": [1]}, "seeds": [0]} | datasetId                   | no data set with id 'cifar-10'
									{"base": {"algorithm": "MIXMATCH", "hyperparameters": {"labelsPerClass": 10000}}, "grid": {"lambdaU": [1]}, "seeds": [0]} | hyperparameters.labelsPerClass | 10000 labeled and 500 validation images per class and 1000 test images need 11500 images per class; data set 'fashion-mnist' has 7000 in its smallest class
									""")
	void aRejectedStudyNamesTheFieldAndWritesNothing(String body, String field, String message) {
		assertThat(create(body)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.errors[0].field").isEqualTo(field);
				json.assertThat().extractingPath("$.errors[0].message").isEqualTo(message);
			});
		assertThat(this.jdbc.queryForObject("select count(*) from study", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from training_run", Long.class)).isZero();
	}

	@Test
	void anUnknownStudyIs404() {
		assertThat(this.mvc.get().uri("/api/v1/studies/999999")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.post().uri("/api/v1/studies/999999/cancel")).hasStatus(HttpStatus.NOT_FOUND);
	}

	private static EpochResult epoch(int epoch, double top1) {
		return new EpochResult(epoch, epoch * 3L, 0.002, new Losses(1, 1, 0, 0), new Accuracy(top1, 0.9), 100, 0.1, 10,
				true);
	}

	private long runOf(long study, int configuration, int seed) {
		return this.jdbc.queryForObject("""
				select s.run_id from study_run s join training_run r on r.id = s.run_id
				where s.study_id = ? and s.configuration = ? and (r.hyperparameters ->> 'seed')::int = ?""", Long.class,
				study, configuration, seed);
	}

	private long studyId(MvcTestResult created) {
		assertThat(created).hasStatus(HttpStatus.ACCEPTED);
		return this.jdbc.queryForObject("select max(id) from study", Long.class);
	}

	private MvcTestResult create(String body) {
		return this.mvc.post().uri("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

}
