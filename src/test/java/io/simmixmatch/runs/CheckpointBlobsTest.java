package io.simmixmatch.runs;

import java.nio.file.Files;
import java.nio.file.Path;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.TrainedCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoint bytes in the blob store: rows with the same bytes share one stored file, and
 * a file goes when the last row that refers to it does.
 */
@SpringBootTest
class CheckpointBlobsTest {

	@Autowired
	private RunLedger ledger;

	@Autowired
	private TrainingRunRepository runs;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void copiesShareTheirBytesAndAReplacedCheckpointsBytesGoWithIt(@TempDir Path directory) throws Exception {
		long run = this.runs.save(RunPersistenceTest.newRun(Algorithm.SUPERVISED)).getId();
		Path first = TrainedCheckpoints.supervised(directory.resolve("first"), 1);
		Path second = TrainedCheckpoints.supervised(directory.resolve("second"), 2);

		this.ledger.storeCheckpoint(run, TrainedCheckpoints.written(CheckpointKind.LAST, first));
		this.ledger.storeCheckpoint(run, TrainedCheckpoints.written(CheckpointKind.BEST, first));
		assertThat(storedFilesOf(run)).as("LAST and BEST of epoch 1: one file").isOne();

		this.ledger.storeCheckpoint(run, TrainedCheckpoints.written(CheckpointKind.LAST, second));
		assertThat(storedFilesOf(run)).as("BEST still refers to epoch 1").isEqualTo(2);

		this.ledger.storeCheckpoint(run, TrainedCheckpoints.written(CheckpointKind.BEST, second));
		assertThat(storedFilesOf(run)).as("nothing refers to epoch 1 any more").isOne();
		Path fetched = this.ledger.fetchLastCheckpoint(run, directory.resolve("fetched.ckpt")).orElseThrow();
		assertThat(Files.readAllBytes(fetched)).isEqualTo(Files.readAllBytes(second));
	}

	private long storedFilesOf(long run) {
		return this.jdbc.queryForObject("select count(*) from blob where key like ?", Long.class,
				"checkpoints/" + run + "/%");
	}

}
