package io.simmixmatch.workers;

import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The pool as the database sees it, measured by every instance that serves the API (a
 * worker process would repeat the same queries for gauges the API already has):
 * {@code simmixmatch.runs.queued} (queue depth), {@code simmixmatch.runs.running} by
 * device, and {@code simmixmatch.workers} by device and state. The queue depth is read at
 * each scrape; the tagged gauges are refreshed with every heartbeat interval.
 */
@Component
@ConditionalOnExpression("!'${simmixmatch.role:both}'.equalsIgnoreCase('worker')")
class WorkerPoolMetrics {

	private static final Logger log = LoggerFactory.getLogger(WorkerPoolMetrics.class);

	private final JdbcTemplate jdbc;

	private final WorkerRegistry registry;

	private final WorkerProperties properties;

	private final MultiGauge running;

	private final MultiGauge workers;

	WorkerPoolMetrics(JdbcTemplate jdbc, WorkerRegistry registry, WorkerProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.properties = properties;
		Gauge.builder("simmixmatch.runs.queued", this::queued)
			.description("Runs waiting for a worker")
			.register(meters);
		this.running = MultiGauge.builder("simmixmatch.runs.running")
			.description("Runs training now, by device")
			.register(meters);
		this.workers = MultiGauge.builder("simmixmatch.workers")
			.description("Worker processes, by device and state")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${simmixmatch.workers.heartbeat-interval:5s}")
	void refresh() {
		try {
			register();
		}
		catch (DataAccessException ex) {
			// The gauges keep their last values until the database answers again.
			log.debug("Cannot refresh the pool gauges: {}", ex.getMessage());
		}
	}

	private void register() {
		this.running.register(this.jdbc.query(
				"select devices, count(*) as runs from training_run where status = 'RUNNING' group by devices",
				(row, index) -> MultiGauge.Row.of(Tags.of("device", String.valueOf(row.getString("devices"))),
						row.getLong("runs"))),
				true);
		this.workers.register(this.registry.all(this.properties.deadAfter())
			.stream()
			.collect(Collectors.groupingBy(
					(worker) -> Tags.of("device", worker.device(), "state", worker.state().name()),
					Collectors.counting()))
			.entrySet()
			.stream()
			.map((entry) -> MultiGauge.Row.of(entry.getKey(), entry.getValue()))
			.toList(), true);
	}

	private double queued() {
		return this.jdbc.queryForObject("select count(*) from training_run where status = 'QUEUED'", Long.class);
	}

}
