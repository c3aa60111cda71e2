package io.simmixmatch.inference;

import java.time.Instant;

import io.simmixmatch.checkpoints.StoredCheckpoint;
import org.jspecify.annotations.Nullable;

/**
 * What answers for a model name: the checkpoint that serves it, and which version of an
 * alias that is.
 *
 * @param name the name asked for
 * @param version the alias version, null for {@code run:{id}}
 * @param checkpoint the checkpoint
 * @param promotedAt when the version was promoted, null for {@code run:{id}}
 */
record ModelVersion(ModelName name, @Nullable Integer version, StoredCheckpoint checkpoint,
		@Nullable Instant promotedAt) {

}
