package io.simmixmatch.runs;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.simmixmatch.database.UpgradeSchema;
import io.simmixmatch.database.UpgradeTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade that made FixMatch's weighting one hyperparameter: runs stored with the
 * three booleans get the weighting they named, and keep the booleans for pods of the
 * previous version during the rolling update.
 */
@UpgradeTest
class WeightingMigrationTest {

	private static final String SCHEMA = "before_weighting";

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void storedRunsGetTheWeightingTheirBooleansNamed() {
		UpgradeSchema schema = UpgradeSchema.empty(this.dataSource, SCHEMA);
		schema.migrateTo("22");
		insertRun("fixed", false, false, false);
		insertRun("flexmatch", true, false, false);
		insertRun("softmatch over flexmatch", true, true, false);
		insertRun("freematch over flexmatch", true, false, true);
		// a run that names its weighting already, as where the update runs again
		insertRun("named", true, false, false);
		this.jdbc.update("""
				update %s.training_run set hyperparameters = hyperparameters || '{"weighting": "FREEMATCH"}'
				where name = 'named'""".formatted(SCHEMA));

		schema.migrateTo("23");

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
		schema.drop();
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
