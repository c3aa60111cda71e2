package io.simmixmatch.runs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.simmixmatch.training.CheckpointKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of /api/v1/runs, end to end on a real PostgreSQL. */
@SpringBootTest
@AutoConfigureMockMvc
class RunApiTest {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private TrainingRunRepository runs;

	@Autowired
	private EpochMetricRepository metrics;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private RunLedger ledger;

	@BeforeEach
	void startWithNoRuns() {
		this.jdbc.update("truncate training_run cascade");
	}

	@Test
	void createQueuesARunWithThePresetAndTheOverrides() {
		MvcTestResult created = create("""
				{"name": "tiny", "algorithm": "SIMMIXMATCH", "preset": "fashion-mnist",
				 "hyperparameters": {"epochs": 3, "stepsPerEpoch": 7, "lambdaSim": 0.5}}""");

		assertThat(created).hasStatus(HttpStatus.ACCEPTED);
		long id = this.runs.findAll().get(0).getId();
		assertThat(created).headers().hasValue(HttpHeaders.LOCATION, "http://localhost/api/v1/runs/" + id);
		assertThat(created).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.status").isEqualTo("QUEUED");
			json.assertThat().extractingPath("$.name").isEqualTo("tiny");
			json.assertThat().extractingPath("$.datasetId").isEqualTo("fashion-mnist");
			json.assertThat().extractingPath("$.hyperparameters.epochs").isEqualTo(3);
			json.assertThat().extractingPath("$.hyperparameters.lambdaSim").isEqualTo(0.5);
			json.assertThat().extractingPath("$.hyperparameters.batchSize").isEqualTo(64);
			json.assertThat().extractingPath("$.progress.totalSteps").isEqualTo(21);
			json.assertThat().extractingPath("$.progress.percent").isEqualTo(0.0);
		});
		assertThat(this.mvc.get().uri("/api/v1/runs/{id}", id)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.hyperparameters.stepsPerEpoch")
			.isEqualTo(7);
	}

	@Test
	void createNeedsOnlyTheAlgorithm() {
		assertThat(create("{\"algorithm\": \"mixmatch\"}")).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.algorithm").isEqualTo("MIXMATCH");
				json.assertThat().extractingPath("$.preset").isEqualTo("fashion-mnist");
				json.assertThat().extractingPath("$.datasetId").isEqualTo("fashion-mnist");
				json.assertThat().extractingPath("$.name").isEqualTo("mixmatch on fashion-mnist");
				json.assertThat().extractingPath("$.priority").isEqualTo(0);
			});
	}

	@Test
	void listFiltersByStatusAndPagesNewestFirst() {
		long first = createRun();
		long second = createRun();
		long third = createRun();
		cancel(second);

		assertThat(this.mvc.get().uri("/api/v1/runs?status=QUEUED")).hasStatusOk().bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.items[*].id").asArray().containsExactly((int) third, (int) first);
			json.assertThat().extractingPath("$.totalItems").isEqualTo(2);
		});
		assertThat(this.mvc.get().uri("/api/v1/runs?status=QUEUED&status=CANCELLED&page=1&size=1")).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.items[*].id").asArray().containsExactly((int) second);
				json.assertThat().extractingPath("$.page").isEqualTo(1);
				json.assertThat().extractingPath("$.size").isEqualTo(1);
				json.assertThat().extractingPath("$.totalItems").isEqualTo(3);
				json.assertThat().extractingPath("$.totalPages").isEqualTo(3);
			});
	}

	@Test
	void cancellingAQueuedRunEndsItAtOnce() {
		long id = createRun();

		assertThat(cancel(id)).hasStatus(HttpStatus.ACCEPTED).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.status").isEqualTo("CANCELLED");
			json.assertThat().extractingPath("$.finishedAt").isNotNull();
		});
	}

	@Test
	void cancellingARunningRunAsksItsWorkerToStop() {
		long id = createRun();
		this.jdbc.update("update training_run set status = 'RUNNING', started_at = now() where id = ?", id);

		assertThat(cancel(id)).hasStatus(HttpStatus.ACCEPTED).bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$.status").isEqualTo("RUNNING");
			json.assertThat().extractingPath("$.cancelRequested").isEqualTo(true);
		});
	}

	@Test
	void cancellingARunWhileItsWorkerReportsProgressIsAcceptedAndReachesTheWorker() throws Exception {
		for (int attempt = 0; attempt < 20; attempt++) {
			long id = createRun();
			this.ledger.start(id, "worker-under-test", List.of("cpu"));
			AtomicBoolean cancelSeen = new AtomicBoolean();
			CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
				for (long step = 1; !cancelSeen.get(); step++) {
					cancelSeen.set(this.ledger.recordProgress(id, step, 1000, 1, 100.0, 60));
				}
			});

			assertThat(cancel(id)).hasStatus(HttpStatus.ACCEPTED);
			worker.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void cancellingAnEndedRunIsAConflictThatChangesNothing() {
		long id = createRun();
		this.jdbc.update("update training_run set status = 'SUCCEEDED', finished_at = now() where id = ?", id);
		long version = version(id);

		assertThat(cancel(id)).hasStatus(HttpStatus.CONFLICT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("Run " + id + " has already ended as SUCCEEDED");
		assertThat(version(id)).isEqualTo(version);
	}

	@Test
	void metricsComeAsJsonOrCsvInEpochOrder() throws Exception {
		long id = createRun();
		this.metrics.save(RunPersistenceTest.metric(id, 2, 0.625));
		this.metrics.save(RunPersistenceTest.metric(id, 1, 0.5));

		assertThat(this.mvc.get().uri("/api/v1/runs/{id}/metrics", id)).hasStatusOk().bodyJson().satisfies((json) -> {
			json.assertThat().extractingPath("$[*].epoch").asArray().containsExactly(1, 2);
			json.assertThat().extractingPath("$[1].valTop1").isEqualTo(0.625);
			json.assertThat().extractingPath("$[1].lossSim").isEqualTo(4.1);
		});
		MvcTestResult csv = this.mvc.get().uri("/api/v1/runs/{id}/metrics", id).accept("text/csv").exchange();
		assertThat(csv).hasStatusOk().hasContentType("text/csv");
		assertThat(csv.getResponse().getContentAsString().split("\r\n")).containsExactly(EpochMetricsCsv.HEADER,
				"1,100,0.002,1.5,0.9,0.02,4.1,0.5,0.9,850.0,12000,2026-11-27T12:00:00Z",
				"2,200,0.002,1.5,0.9,0.02,4.1,0.625,0.9,850.0,12000,2026-11-27T12:00:00Z");
	}

	@Test
	void checkpointsAreListedNewestEpochFirst() {
		long id = createRun();
		RunPersistenceTest.insertCheckpoint(this.jdbc, id, CheckpointKind.PERIODIC, 1);
		RunPersistenceTest.insertCheckpoint(this.jdbc, id, CheckpointKind.BEST, 2);

		assertThat(this.mvc.get().uri("/api/v1/runs/{id}/checkpoints", id)).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].kind")
			.asArray()
			.containsExactly("BEST", "PERIODIC");
	}

	@ParameterizedTest
	@CsvSource({ "GET, /api/v1/runs/424242", "GET, /api/v1/runs/424242/metrics", "GET, /api/v1/runs/424242/checkpoints",
			"POST, /api/v1/runs/424242/cancel" })
	void anUnknownRunIsNotFound(String method, String path) {
		assertThat(this.mvc.method(HttpMethod.valueOf(method)).uri(path)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No run with id '424242'");
	}

	private MvcTestResult create(String json) {
		return this.mvc.post().uri("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private long createRun() {
		assertThat(create("{\"algorithm\": \"SUPERVISED\"}")).hasStatus(HttpStatus.ACCEPTED);
		return this.runs.findAll().stream().mapToLong(TrainingRun::getId).max().orElseThrow();
	}

	private MvcTestResult cancel(long id) {
		return this.mvc.post().uri("/api/v1/runs/{id}/cancel", id).exchange();
	}

	private long version(long id) {
		return this.jdbc.queryForObject("select version from training_run where id = ?", Long.class, id);
	}

}
