package io.simmixmatch.workers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Launches one worker process per device slot and keeps it running: a process that exits
 * is restarted after a back-off that doubles while it keeps dying young, and its exit is
 * recorded at once, so that its run is retried (or failed) with the reason named instead
 * of after the heartbeat timeout. On shutdown every worker is asked to stop (SIGTERM),
 * which checkpoints its run and hands it back, and is killed only if it takes longer than
 * its shutdown timeout.
 */
class WorkerSupervisor implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WorkerSupervisor.class);

	private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	/** A worker that ran this long before it exited restarts without back-off. */
	private static final Duration HEALTHY_UPTIME = Duration.ofMinutes(5);

	private final List<Slot> slots = new ArrayList<>();

	private final WorkerRegistry registry;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	WorkerSupervisor(List<String> devices, int cpuThreads, WorkerLauncher launcher, WorkerRegistry registry,
			Duration shutdownTimeout) {
		for (int index = 0; index < devices.size(); index++) {
			this.slots.add(new Slot(index, devices.get(index), cpuThreads, launcher));
		}
		this.registry = registry;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public void start() {
		this.running = true;
		this.registry.forgetVanishedProcesses();
		log.info("Launching {} worker process(es) on {}", this.slots.size(),
				this.slots.stream().map(Slot::device).toList());
		this.slots.forEach(Slot::start);
	}

	@Override
	public void stop() {
		this.running = false;
		this.slots.forEach(Slot::stop);
		long deadline = System.nanoTime() + this.shutdownTimeout.plusSeconds(10).toNanos();
		for (Slot slot : this.slots) {
			slot.awaitExit(deadline);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** The process of one slot, and the thread that restarts it. */
	private final class Slot {

		private final int index;

		private final String device;

		private final int cpuThreads;

		private final WorkerLauncher launcher;

		private volatile Process process;

		private Thread supervisor;

		Slot(int index, String device, int cpuThreads, WorkerLauncher launcher) {
			this.index = index;
			this.device = device;
			this.cpuThreads = cpuThreads;
			this.launcher = launcher;
		}

		String device() {
			return this.device;
		}

		void start() {
			this.supervisor = new Thread(this::superviseUntilStopped, "worker-supervisor-" + this.index);
			this.supervisor.setDaemon(true);
			this.supervisor.start();
		}

		void stop() {
			Process current = this.process;
			if (current != null) {
				current.destroy();
			}
			this.supervisor.interrupt();
		}

		void awaitExit(long deadlineNanos) {
			Process current = this.process;
			try {
				if (current != null
						&& !current.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					log.warn("Worker {} on {} did not stop in time; killing it", this.index, this.device);
					current.destroyForcibly();
				}
				this.supervisor.join(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void superviseUntilStopped() {
			Duration backoff = MIN_BACKOFF;
			while (WorkerSupervisor.this.running) {
				long started = System.nanoTime();
				try {
					this.process = this.launcher.launch(this.device, this.cpuThreads);
					log.info("Worker {} on {} started as process {}", this.index, this.device, this.process.pid());
					int exit = this.process.waitFor();
					if (WorkerSupervisor.this.running) {
						log.warn("Worker {} on {} exited with code {}", this.index, this.device, exit);
						recordExit(this.process.pid(), exit);
					}
				}
				catch (IOException | RuntimeException ex) {
					log.error("Cannot launch worker {} on {}", this.index, this.device, ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				Duration uptime = Duration.ofNanos(System.nanoTime() - started);
				backoff = (uptime.compareTo(HEALTHY_UPTIME) > 0) ? MIN_BACKOFF : backoff;
				if (!WorkerSupervisor.this.running || !pause(backoff)) {
					return;
				}
				backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
			}
		}

		private void recordExit(long pid, int exit) {
			try {
				WorkerSupervisor.this.registry.exited(pid, exit);
			}
			catch (DataAccessException ex) {
				log.warn("Cannot record the exit of worker {}; its run waits for the heartbeat timeout: {}", this.index,
						ex.getMessage());
			}
		}

		private boolean pause(Duration duration) {
			log.info("Restarting worker {} on {} in {} s", this.index, this.device, duration.toSeconds());
			try {
				Thread.sleep(duration.toMillis());
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		private static Duration min(Duration a, Duration b) {
			return (a.compareTo(b) <= 0) ? a : b;
		}

	}

}
