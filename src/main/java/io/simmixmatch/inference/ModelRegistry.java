package io.simmixmatch.inference;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.simmixmatch.checkpoints.Checkpoints;
import io.simmixmatch.checkpoints.StoredCheckpoint;
import io.simmixmatch.database.AdvisoryLocks;
import io.simmixmatch.database.PostgresNotifications;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.web.ApiProblems;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aliases such as {@code production} and their versions: promoting a run copies its best
 * checkpoint (so a later best of the same run changes nothing) and adds a version. An
 * alias serves its latest version. Every instance caches what an alias resolves to until
 * a promotion anywhere notifies it, or for 30 s at most.
 */
@Service
class ModelRegistry {

	static final String PROMOTED = "model_promoted";

	/**
	 * How long a resolved alias is trusted without a notification: one lost in a
	 * reconnect heals.
	 */
	private static final Duration CACHE_FOR = Duration.ofSeconds(30);

	private final JdbcTemplate jdbc;

	private final Checkpoints checkpoints;

	private final PostgresNotifications notifications;

	private final Clock clock;

	private final Map<String, Cached> aliases = new ConcurrentHashMap<>();

	ModelRegistry(JdbcTemplate jdbc, Checkpoints checkpoints, PostgresNotifications notifications, Clock clock) {
		this.jdbc = jdbc;
		this.checkpoints = checkpoints;
		this.notifications = notifications;
		this.clock = clock;
		notifications.subscribe(PROMOTED, this.aliases::remove);
	}

	@Transactional
	ModelVersion promote(ModelName.Alias alias, long runId) {
		StoredCheckpoint released = this.checkpoints.release(runId)
			.orElseThrow(() -> ApiProblems.conflict("Run " + runId + " has no best checkpoint to promote"));
		// A lock per alias for this transaction: concurrent promotions number in turn.
		AdvisoryLocks.lockForTransaction(this.jdbc, "alias " + alias.name());
		int version = this.jdbc.queryForObject(
				"select coalesce(max(version), 0) + 1 from model_version where alias = ?", Integer.class, alias.name());
		Instant now = this.clock.instant();
		this.jdbc.update(
				"insert into model_version (alias, version, checkpoint_id, run_id, promoted_at) values (?, ?, ?, ?, ?)",
				alias.name(), version, released.id(), runId, Timestamp.from(now));
		this.notifications.send(PROMOTED, alias.name());
		return new ModelVersion(alias, version, released, now);
	}

	@Transactional(readOnly = true)
	List<ModelVersion> history(ModelName.Alias alias) {
		return this.jdbc.query(
				"select version, checkpoint_id, promoted_at from model_version where alias = ? order by version desc",
				(row, index) -> version(alias, row.getInt("version"), row.getLong("checkpoint_id"),
						row.getTimestamp("promoted_at")),
				alias.name());
	}

	@Transactional(readOnly = true)
	List<ModelVersion> latest() {
		return this.jdbc.query("""
				select distinct on (alias) alias, version, checkpoint_id, promoted_at
				from model_version order by alias, version desc""",
				(row, index) -> version(new ModelName.Alias(row.getString("alias")), row.getInt("version"),
						row.getLong("checkpoint_id"), row.getTimestamp("promoted_at")));
	}

	/**
	 * What serves a name now.
	 * @param name an alias or a run
	 * @return its version, or empty if the alias has none or the run no best checkpoint
	 */
	Optional<ModelVersion> resolve(ModelName name) {
		if (name instanceof ModelName.Alias alias) {
			Instant now = this.clock.instant();
			Cached cached = this.aliases.compute(alias.name(),
					(key, known) -> (known != null && known.until().isAfter(now)) ? known
							: new Cached(history(alias).stream().findFirst(), now.plus(CACHE_FOR)));
			return cached.version();
		}
		ModelName.Run run = (ModelName.Run) name;
		return this.checkpoints.find(run.runId(), CheckpointKind.BEST)
			.map((checkpoint) -> new ModelVersion(run, null, checkpoint, null));
	}

	/** What an alias resolved to, and until when to trust it. */
	private record Cached(Optional<ModelVersion> version, Instant until) {
	}

	private ModelVersion version(ModelName.Alias alias, int version, long checkpointId, Timestamp promotedAt) {
		StoredCheckpoint checkpoint = this.checkpoints.find(checkpointId)
			.orElseThrow(() -> new IllegalStateException("Model " + alias + " v" + version + " lost its checkpoint"));
		return new ModelVersion(alias, version, checkpoint, promotedAt.toInstant());
	}

}
