package io.simmixmatch.workers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.simmixmatch.ServiceRole;
import io.simmixmatch.workers.WorkerRegistry.WorkerStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/workers}: this instance's role and every worker of the pool,
 * with its device, state and run. The pool is UP while at least one worker is alive, or
 * when this instance only serves the API (its workers may well live elsewhere, or not
 * yet); a pool whose every worker is lost is DOWN. It is not part of readiness: an API
 * instance serves without workers.
 */
@Component("workers")
class WorkerPoolHealthIndicator extends AbstractHealthIndicator {

	private final WorkerRegistry registry;

	private final WorkerProperties properties;

	private final ServiceRole role;

	WorkerPoolHealthIndicator(WorkerRegistry registry, WorkerProperties properties, ServiceRole role) {
		this.registry = registry;
		this.properties = properties;
		this.role = role;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<WorkerStatus> workers = this.registry.all(this.properties.deadAfter());
		boolean lost = !workers.isEmpty() && workers.stream().noneMatch((worker) -> worker.state().isAlive());
		(lost ? builder.down() : builder.up()).withDetail("role", this.role)
			.withDetail("workers", workers.stream().map(WorkerPoolHealthIndicator::describe).toList());
	}

	private static Map<String, Object> describe(WorkerStatus worker) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", worker.name());
		details.put("device", worker.device());
		details.put("state", worker.state());
		putIfPresent(details, "run", worker.runId());
		putIfPresent(details, "exitStatus", worker.exitStatus());
		details.put("heartbeat", worker.heartbeatAt());
		return details;
	}

	private static void putIfPresent(Map<String, Object> details, String name, @Nullable Object value) {
		if (value != null) {
			details.put(name, value);
		}
	}

}
