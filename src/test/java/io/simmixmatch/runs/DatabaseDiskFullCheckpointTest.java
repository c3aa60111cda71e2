package io.simmixmatch.runs;

import java.nio.file.Files;
import java.nio.file.Path;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.CheckpointFile;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.TrainedCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The database's disk fills up while a checkpoint is stored: PostgreSQL answers the chunk
 * inserts with SQLSTATE 53100 (disk_full), raised here by a trigger. The store is one
 * transaction, so the checkpoint stored before is still there, whole.
 */
@SpringBootTest
class DatabaseDiskFullCheckpointTest {

	@Autowired
	private RunLedger ledger;

	@Autowired
	private TrainingRunRepository runs;

	@Autowired
	private JdbcTemplate jdbc;

	@AfterEach
	void freeTheDisk() {
		this.jdbc.execute("drop trigger if exists disk_full on blob_chunk");
	}

	@Test
	void aFullDatabaseDiskFailsTheStoreAndKeepsThePreviousCheckpoint(@TempDir Path directory) throws Exception {
		long run = this.runs.save(RunPersistenceTest.newRun(Algorithm.SUPERVISED)).getId();
		Path first = TrainedCheckpoints.supervised(directory.resolve("first"), 1);
		Path second = TrainedCheckpoints.supervised(directory.resolve("second"), 2);
		this.ledger.storeCheckpoint(run, TrainedCheckpoints.written(CheckpointKind.LAST, first));
		this.jdbc.execute("""
				create or replace function disk_full() returns trigger language plpgsql as $$
				begin
				  raise exception 'could not extend file "base/16384/16999": No space left on device'
				    using errcode = 'disk_full';
				end $$""");
		this.jdbc.execute(
				"create trigger disk_full before insert on blob_chunk " + "for each row execute function disk_full()");

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.ledger.storeCheckpoint(run, TrainedCheckpoints.written(CheckpointKind.LAST, second)))
			.withMessageContaining("No space left on device");

		Path fetched = this.ledger.fetchLastCheckpoint(run, directory.resolve("fetched.ckpt")).orElseThrow();
		assertThat(Files.readAllBytes(fetched)).isEqualTo(Files.readAllBytes(first));
		assertThat(CheckpointFile.readMetadata(fetched).epoch()).isEqualTo(1);
	}

}
