package io.simmixmatch.inference;

import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/models}: the inference device and the models loaded on it, with
 * their run, checkpoint and waiting images. A service with no model loaded is healthy: it
 * loads one on the first request for it.
 */
@Component("models")
class LoadedModelsHealthIndicator extends AbstractHealthIndicator {

	private final ModelCache models;

	LoadedModelsHealthIndicator(ModelCache models) {
		this.models = models;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up()
			.withDetail("loaded",
					this.models.loaded()
						.stream()
						.map((model) -> Map.of("runId", model.checkpoint().runId(), "checkpointId",
								model.checkpoint().id(), "sha256", model.checkpoint().sha256(), "loadedAt",
								model.loadedAt(), "queued", model.batcher().queued()))
						.toList());
	}

}
