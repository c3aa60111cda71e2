package io.simmixmatch.runs;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.simmixmatch.database.EmbeddedPostgresAutoConfiguration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade that made FixMatch's weighting one hyperparameter: runs stored with the
 * three booleans get the weighting they named, and keep the booleans for pods of the
 * previous version during the rolling update.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration(EmbeddedPostgresAutoConfiguration.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class WeightingMigrationTest {

	private static final String SCHEMA = "before_weighting";

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void storedRunsGetTheWeightingTheirBooleansNamed() {
		this.jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
		migrate("22");
		insertRun("fixed", false, false, false);
		insertRun("flexmatch", true, false, false);
		insertRun("softmatch over flexmatch", true, true, false);
		insertRun("freematch over flexmatch", true, false, true);
		// a run that names its weighting already, as where the update runs again
		insertRun("named", true, false, false);
		this.jdbc.update("""
				update %s.training_run set hyperparameters = hyperparameters || '{"weighting": "FREEMATCH"}'
				where name = 'named'""".formatted(SCHEMA));

		migrate("23");

		Map<String, String> weightings = this.jdbc.query("""
				select name, (hyperparameters ->> 'weighting')
				       || ' ' || (hyperparameters ?& array['flexMatch', 'softMatch', 'freeMatch'])
				       || ' ' || (hyperparameters ->> 'threshold') as weighting
				from %s.training_run""".formatted(SCHEMA), (rows) -> {
			Map<String, String> byName = new HashMap<>();
			while (rows.next()) {
				byName.put(rows.getString("name"), rows.getString("weighting"));
			}
			return byName;
		});
		assertThat(weightings).isEqualTo(Map.of("fixed", "THRESHOLD true 0.95", "flexmatch", "FLEXMATCH true 0.95",
				"softmatch over flexmatch", "SOFTMATCH true 0.95", "freematch over flexmatch", "FREEMATCH true 0.95",
				"named", "FREEMATCH true 0.95"));
		this.jdbc.execute("drop schema " + SCHEMA + " cascade");
	}

	private void migrate(String version) {
		Flyway.configure().dataSource(this.dataSource).schemas(SCHEMA).target(version).load().migrate();
	}

	private void insertRun(String name, boolean flexMatch, boolean softMatch, boolean freeMatch) {
		this.jdbc.update("""
				insert into %s.training_run (name, dataset_id, algorithm, preset, hyperparameters, status,
				                             total_epochs, total_steps, created_at)
				values (?, 'fashion-mnist', 'FIXMATCH', 'photo-32',
				        jsonb_build_object('threshold', 0.95, 'flexMatch', ?, 'softMatch', ?, 'freeMatch', ?),
				        'SUCCEEDED', 1, 1, now())""".formatted(SCHEMA), name, flexMatch, softMatch, freeMatch);
	}

}
