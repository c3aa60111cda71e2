package io.simmixmatch.workers;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.simmixmatch.ServiceRole;
import io.simmixmatch.database.DatabaseAvailability;
import io.simmixmatch.datasets.DatasetCatalog;
import io.simmixmatch.storage.StorageProperties;
import io.simmixmatch.runs.RunEvents;
import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.runs.WorkerCapacity;
import io.simmixmatch.training.Devices;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The execution side of each role ({@code simmixmatch.role}): every instance queues runs
 * and shows the pool; a WORKER trains; a BOTH instance launches and supervises WORKER
 * processes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerProperties.class)
@EnableScheduling
class WorkerConfiguration {

	private static final String ROLE = "simmixmatch.role";

	// The queue joins the caller's transaction: a run and its queue entry commit
	// together.
	@Bean
	SchedulerClient runQueueClient(DataSource dataSource) {
		return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource)).enablePriority().build();
	}

	@Bean
	WorkerRegistry workerRegistry(JdbcTemplate jdbc, Clock clock) {
		return new WorkerRegistry(jdbc, clock);
	}

	@Bean
	WorkerCapacity workerCapacity(WorkerRegistry registry, WorkerProperties properties) {
		return () -> registry.largestMemory(properties.deadAfter());
	}

	@Bean
	ServiceRole serviceRole(@Value("${" + ROLE + ":both}") ServiceRole role) {
		return role;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = ROLE, havingValue = "worker")
	static class Worker {

		@Bean
		WorkerIdentity workerIdentity(WorkerProperties properties) {
			List<Device> devices = Devices.parseAll(properties.device());
			return new WorkerIdentity(Objects.requireNonNullElseGet(properties.name(), WorkerNames::ofThisProcess),
					devices, WorkerMemory.of(devices));
		}

		@Bean
		WorkerMeters workerMeters(MeterRegistry registry, WorkerIdentity identity) {
			return new WorkerMeters(registry, identity);
		}

		@Bean
		RunTrainer runTrainer(RunLedger ledger, DatasetCatalog datasets, WorkerIdentity identity,
				WorkerProperties properties, WorkerMeters meters, DatabaseAvailability database,
				@Value("${simmixmatch.data-dir}") Path dataDirectory) {
			Path work = Objects.requireNonNullElse(properties.workDirectory(), dataDirectory.resolve("work"));
			return new RunTrainer(ledger, datasets, identity, dataDirectory, work, properties, meters, database);
		}

		@Bean
		RunWorker runWorker(WorkerIdentity identity, RunTrainer trainer, RunLedger ledger, DataSource dataSource,
				RunEvents events, WorkerRegistry registry, WorkerProperties properties, WorkerMeters meters,
				Clock clock) {
			CustomTask<Void> task = TrainRunTask.create(trainer, ledger, registry, events, properties, meters, clock);
			return new RunWorker(identity, trainer, task, dataSource, events, registry, properties, clock);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = ROLE, havingValue = "both", matchIfMissing = true)
	static class Supervisor {

		@Bean
		WorkerSupervisor workerSupervisor(WorkerProperties properties, JdbcConnectionDetails database,
				Environment environment, @Value("${simmixmatch.data-dir}") Path dataDirectory,
				StorageProperties storage, WorkerRegistry registry) {
			List<String> slots = WorkerSlots.parse(properties.slots(), gpuCount(properties.slots()));
			WorkerLauncher launcher = new WorkerLauncher(database, properties, dataDirectory,
					Arrays.asList(environment.getActiveProfiles()), storage);
			return new WorkerSupervisor(slots,
					WorkerSlots.cpuThreads(slots, Runtime.getRuntime().availableProcessors()), launcher, registry,
					properties.shutdownTimeout());
		}

		// Loading the engine to count GPUs takes a moment: only when a GPU may be meant.
		private static int gpuCount(String slots) {
			return slots.contains("cpu") ? 0 : Engine.getInstance().getGpuCount();
		}

	}

}
