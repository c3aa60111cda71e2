package io.simmixmatch.workers;

import java.util.List;
import java.util.Map;

import io.simmixmatch.workers.WorkerRegistry.WorkerState;
import io.simmixmatch.workers.WorkerRegistry.WorkerStatus;

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
		boolean lost = !workers.isEmpty() && workers.stream().allMatch((worker) -> worker.state() == WorkerState.LOST);
		(lost ? builder.down() : builder.up()).withDetail("role", this.role)
			.withDetail("workers", workers.stream().map(WorkerPoolHealthIndicator::describe).toList());
	}

	private static Map<String, Object> describe(WorkerStatus worker) {
		return (worker.runId() != null)
				? Map.of("name", worker.name(), "device", worker.device(), "state", worker.state(), "run",
						worker.runId(), "heartbeat", worker.heartbeatAt())
				: Map.of("name", worker.name(), "device", worker.device(), "state", worker.state(), "heartbeat",
						worker.heartbeatAt());
	}

}
