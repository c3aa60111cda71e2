package io.simmixmatch.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs stored with the three booleans read as the weighting they named. */
class WeightingMigrationTest {

	@Test
	void theThreeBooleansBecomeTheWeightingTheyNamed() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			DataSource database = postgres.getPostgresDatabase();
			Flyway.configure().dataSource(database).target("22").load().migrate();
			Map<String, String> stored = new LinkedHashMap<>();
			stored.put("fixed", """
					{"threshold": 0.95, "flexMatch": false, "softMatch": false, "freeMatch": false}""");
			stored.put("flexmatch", """
					{"threshold": 0.95, "flexMatch": true, "softMatch": false, "freeMatch": false}""");
			stored.put("softmatch over flexmatch", """
					{"threshold": 0.95, "flexMatch": true, "softMatch": true, "freeMatch": false}""");
			stored.put("freematch over flexmatch", """
					{"threshold": 0.95, "flexMatch": true, "softMatch": false, "freeMatch": true}""");
			try (Connection connection = database
				.getConnection(); PreparedStatement insert = connection.prepareStatement("""
						insert into training_run (name, dataset_id, algorithm, preset, hyperparameters, status,
						                          total_epochs, total_steps, created_at)
						values (?, 'fashion-mnist', 'FIXMATCH', 'photo-32', ?::jsonb, 'SUCCEEDED', 1, 1, now())""")) {
				for (Map.Entry<String, String> run : stored.entrySet()) {
					insert.setString(1, run.getKey());
					insert.setString(2, run.getValue());
					insert.executeUpdate();
				}
			}

			Flyway.configure().dataSource(database).load().migrate();

			assertThat(hyperparametersByName(database))
				.isEqualTo(Map.of("fixed", "{\"threshold\": 0.95, \"weighting\": \"THRESHOLD\"}", "flexmatch",
						"{\"threshold\": 0.95, \"weighting\": \"FLEXMATCH\"}", "softmatch over flexmatch",
						"{\"threshold\": 0.95, \"weighting\": \"SOFTMATCH\"}", "freematch over flexmatch",
						"{\"threshold\": 0.95, \"weighting\": \"FREEMATCH\"}"));
		}
	}

	private static Map<String, String> hyperparametersByName(DataSource database) throws SQLException {
		Map<String, String> read = new HashMap<>();
		try (Connection connection = database.getConnection();
				ResultSet rows = connection.createStatement()
					.executeQuery("select name, hyperparameters::text from training_run")) {
			while (rows.next()) {
				read.put(rows.getString(1), rows.getString(2));
			}
		}
		return read;
	}

}
