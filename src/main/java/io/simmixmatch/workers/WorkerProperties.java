package io.simmixmatch.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How runs are executed ({@code simmixmatch.workers.*}, or
 * {@code SIMMIXMATCH_WORKERS_*}).
 *
 * @param slots the worker processes a BOTH instance launches: {@code auto} (one per GPU
 * the engine sees, else one on the CPU), {@code cpu}, {@code cpu:N}, or a list such as
 * {@code gpu0,gpu1} or {@code gpu0+gpu1,gpu2+gpu3} (two workers of two GPUs each)
 * @param device the devices of a WORKER process: {@code auto}, {@code cpu}, {@code gpuN},
 * or GPUs joined by {@code +} ({@code gpu0+gpu1}) for runs that ask for several
 * @param name the name of a WORKER process in the queue and in health; defaults to
 * host-pid
 * @param heartbeatInterval how often a worker proves it is alive
 * @param missedHeartbeats missed heartbeats after which a worker counts as dead and its
 * run is picked up again
 * @param pollInterval how often an idle worker looks for queued runs without a wake-up
 * notification
 * @param progressInterval how often a worker records a run's progress
 * @param maxAttempts attempts of a run (failures and dead workers count) before it ends
 * FAILED
 * @param retryDelay delay before a failed attempt is retried
 * @param shutdownTimeout how long a stopping worker may take to checkpoint its run
 * @param jvmOptions JVM options of the worker processes a BOTH instance launches
 * @param workDirectory where workers keep a run's checkpoint files while it trains;
 * defaults to the data directory's {@code work}
 * @param parentPid the process that launched this WORKER, if any: the worker stops when
 * it is gone, so a supervisor killed with SIGKILL leaves no orphans behind
 */
@ConfigurationProperties("simmixmatch.workers")
@Validated
public record WorkerProperties(@DefaultValue("auto") String slots, @DefaultValue("auto") String device,
		@Nullable String name, @DefaultValue("5s") Duration heartbeatInterval,
		@DefaultValue("6") @Min(4) int missedHeartbeats, @DefaultValue("10s") Duration pollInterval,
		@DefaultValue("2s") Duration progressInterval, @DefaultValue("3") @Min(1) int maxAttempts,
		@DefaultValue("30s") Duration retryDelay, @DefaultValue("2m") Duration shutdownTimeout,
		@DefaultValue List<String> jvmOptions, @Nullable Path workDirectory, @Nullable Long parentPid) {

	/**
	 * How long a worker may stay silent before it counts as dead.
	 * @return the heartbeat interval times the missed heartbeats
	 */
	public Duration deadAfter() {
		return this.heartbeatInterval.multipliedBy(this.missedHeartbeats);
	}

}
