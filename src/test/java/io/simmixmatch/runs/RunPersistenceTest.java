package io.simmixmatch.runs;

import java.time.Instant;
import java.util.List;

import io.simmixmatch.database.EmbeddedPostgresAutoConfiguration;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Losses;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.Preset;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/** The schema and repositories on a real PostgreSQL, migrated by Flyway. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration(EmbeddedPostgresAutoConfiguration.class)
class RunPersistenceTest {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	@Autowired
	private TrainingRunRepository runs;

	@Autowired
	private EpochMetricRepository metrics;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EntityManager entityManager;

	@Test
	void flywayCreatesTheSchemaAndRegistersTheBuiltInDataset() {
		assertThat(this.jdbc.queryForList("select version from flyway_schema_history where success", String.class))
			.contains("1");
		assertThat(this.jdbc.queryForObject("select class_names->>0 from dataset where id = 'fashion-mnist'",
				String.class))
			.isEqualTo("T-shirt/top");
	}

	@Test
	void anEpochWithoutAValidationSetIsStoredWithoutValidationAccuracy() {
		TrainingRun run = this.runs.saveAndFlush(newRun(Algorithm.SUPERVISED));
		EpochResult epoch = new EpochResult(1, 100, 2e-3, new Losses(0.5, 0.5, 0, 0), null, 1000, 0.02, 5000, true);
		run.recordEpoch(epoch);
		this.metrics.saveAndFlush(EpochMetric.of(run.getId(), Algorithm.SUPERVISED, epoch, NOW));
		this.runs.saveAndFlush(run);
		this.entityManager.clear();

		EpochMetricResponse stored = EpochMetricResponse.of(this.metrics.findOfRuns(List.of(run.getId())).get(0));
		assertThat(stored.valTop1()).isNull();
		assertThat(stored.valTop5()).isNull();
		assertThat(this.runs.findById(run.getId()).orElseThrow().getBestTop1()).isNull();
	}

	@Test
	void hyperparametersAreStoredAsAJsonbObjectAndReadBackEqual() {
		TrainingRun run = this.runs.saveAndFlush(newRun(Algorithm.SIMMIXMATCH));
		this.entityManager.clear();

		TrainingRun found = this.runs.findById(run.getId()).orElseThrow();
		assertThat(found.getHyperparameters()).isEqualTo(Preset.FASHION_MNIST.hyperparameters());
		assertThat(found.getPreset()).isEqualTo(Preset.FASHION_MNIST);
		assertThat(this.jdbc.queryForObject("select (hyperparameters->>'epochs')::int from training_run where id = ?",
				Integer.class, run.getId()))
			.isEqualTo(Preset.FASHION_MNIST.hyperparameters().epochs());
		assertThat(this.jdbc.queryForObject("select preset from training_run where id = ?", String.class, run.getId()))
			.isEqualTo("fashion-mnist");
	}

	@Test
	void statusFilterPagesNewestFirst() {
		TrainingRun first = this.runs.save(newRun(Algorithm.SUPERVISED));
		TrainingRun second = this.runs.save(newRun(Algorithm.MIXMATCH));
		TrainingRun cancelled = newRun(Algorithm.MIXMATCH);
		cancelled.requestCancel(NOW);
		this.runs.saveAndFlush(cancelled);

		Page<TrainingRun> queued = this.runs.findByStatusIn(List.of(RunStatus.QUEUED),
				PageRequest.of(0, 1, Sort.by("id").descending()));

		assertThat(queued.getTotalElements()).isEqualTo(2);
		assertThat(queued.getContent()).extracting(TrainingRun::getId).containsExactly(second.getId());
		assertThat(first.getId()).isLessThan(second.getId());
	}

	@Test
	void anEpochHasOneMetricRowPerRun() {
		long runId = this.runs.saveAndFlush(newRun(Algorithm.MIXMATCH)).getId();
		String insert = "insert into epoch_metric (run_id, epoch, step, val_top1, val_top5, recorded_at) "
				+ "values (?, 1, 100, 0.5, 0.9, now())";
		this.jdbc.update(insert, runId);

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.jdbc.update(insert, runId));
	}

	@Test
	void savingAnEpochAgainReplacesItsRow() {
		long runId = this.runs.saveAndFlush(newRun(Algorithm.MIXMATCH)).getId();
		this.metrics.saveAndFlush(metric(runId, 2, 0.40));
		this.metrics.saveAndFlush(metric(runId, 1, 0.30));
		this.metrics.saveAndFlush(metric(runId, 2, 0.45));
		this.entityManager.clear();

		assertThat(this.metrics.findOfRuns(List.of(runId))).extracting(EpochMetric::getEpoch, EpochMetric::getValTop1)
			.containsExactly(tuple(1, 0.30), tuple(2, 0.45));
	}

	@Test
	void aRunHasOneBestCheckpoint() {
		long runId = this.runs.saveAndFlush(newRun(Algorithm.MIXMATCH)).getId();
		insertCheckpoint(this.jdbc, runId, CheckpointKind.BEST, 1);
		insertCheckpoint(this.jdbc, runId, CheckpointKind.PERIODIC, 1);
		insertCheckpoint(this.jdbc, runId, CheckpointKind.PERIODIC, 2);

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertCheckpoint(this.jdbc, runId, CheckpointKind.BEST, 2));
	}

	@Test
	void aStaleCopyOfARunCannotOverwriteANewerOne() {
		TrainingRun run = this.runs.saveAndFlush(newRun(Algorithm.MIXMATCH));
		this.entityManager.detach(run);
		this.jdbc.update("update training_run set version = version + 1 where id = ?", run.getId());

		run.requestCancel(NOW);
		assertThatExceptionOfType(ObjectOptimisticLockingFailureException.class)
			.isThrownBy(() -> this.runs.saveAndFlush(run));
	}

	@Test
	void theDatabaseRejectsAnUnknownStatus() {
		long runId = this.runs.saveAndFlush(newRun(Algorithm.MIXMATCH)).getId();

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.update("update training_run set status = 'PAUSED' where id = ?", runId));
	}

	static TrainingRun newRun(Algorithm algorithm) {
		return new TrainingRun("test", "fashion-mnist", false, algorithm, Preset.FASHION_MNIST,
				Preset.FASHION_MNIST.hyperparameters(), 0, 1, null, NOW);
	}

	static EpochMetric metric(long runId, int epoch, double top1) {
		EpochMetric.Losses losses = new EpochMetric.Losses(2e-3, 1.5, 0.9, 0.02, 4.1);
		return new EpochMetric(runId, epoch, epoch * 100L, losses, top1, 0.9, 850.0, 12_000L, NOW);
	}

	static void insertCheckpoint(JdbcTemplate jdbc, long runId, CheckpointKind kind, int epoch) {
		String sha256 = "0".repeat(64);
		jdbc.update("""
				insert into checkpoint (run_id, kind, epoch, step, val_top1, val_top5, size_bytes, sha256, blob_key,
				                        created_at)
				values (?, ?, ?, ?, 0.5, 0.9, 1024, ?, ?, now())""", runId, kind.name(), epoch, epoch * 100L, sha256,
				"checkpoints/" + runId + "/" + sha256 + ".ckpt");
	}

}
