package io.simmixmatch.studies;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.simmixmatch.database.UpgradeSchema;
import io.simmixmatch.database.UpgradeTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade that moved a study's membership from its runs to the study: the runs of
 * studies launched before it are listed by their study after it, with their
 * configurations, and a run of no study stays a run of none.
 */
@UpgradeTest
class StudyRunMigrationTest {

	private static final String SCHEMA = "before_study_run";

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void theRunsOfEarlierStudiesAreListedByTheirStudy() {
		UpgradeSchema schema = UpgradeSchema.empty(this.dataSource, SCHEMA);
		schema.migrateTo("16");
		long study = this.jdbc.queryForObject("""
				insert into %s.study (name, dataset_id, strategy, request, configurations, created_at)
				values ('ablation', 'fashion-mnist', 'GRID', '{}', '[{}, {}]', now()) returning id""".formatted(SCHEMA),
				Long.class);
		long first = insertRun(study, 0);
		long second = insertRun(study, 1);
		long alone = insertRun(null, null);

		schema.migrateTo("17");

		List<Map<String, Object>> members = this.jdbc
			.queryForList("select run_id, study_id, configuration from %s.study_run order by run_id".formatted(SCHEMA));
		assertThat(members).containsExactly(Map.of("run_id", first, "study_id", study, "configuration", 0),
				Map.of("run_id", second, "study_id", study, "configuration", 1));
		assertThat(this.jdbc.queryForObject("select count(*) from %s.training_run where id = ?".formatted(SCHEMA),
				Long.class, alone))
			.isEqualTo(1);
		schema.drop();
	}

	private long insertRun(@Nullable Long study, @Nullable Integer configuration) {
		return this.jdbc.queryForObject("""
				insert into %s.training_run (name, dataset_id, algorithm, preset, hyperparameters, status,
				                             total_epochs, total_steps, created_at, study_id, study_configuration)
				values ('run', 'fashion-mnist', 'MIXMATCH', 'fashion-mnist', '{}', 'QUEUED', 1, 1, now(), ?, ?)
				returning id""".formatted(SCHEMA), Long.class, study, configuration);
	}

}
