package io.simmixmatch.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Two workers' pollers against one queue, on a real PostgreSQL, woken by a burst of
 * notifications as a study's launch sends them: each picks one run, the one its thread
 * trains, and leaves the others queued for whoever is free (a run picked and left waiting
 * gets no heartbeats, counts as dead and is trained twice).
 */
@SpringBootTest
class QueuePollingRaceTest {

	private static final int RUNS = 9;

	private static final String TASK = "race-run";

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcTemplate jdbc;

	private final CountDownLatch training = new CountDownLatch(1);

	private final List<Scheduler> workers = new ArrayList<>();

	private final ExecutorService notifications = Executors.newFixedThreadPool(4);

	// The statistics of a quiet queue, one row, under which PostgreSQL plans a poll as a
	// nested loop (what it did when a study's launch filled the queue of a quiet
	// service).
	@BeforeEach
	void quietQueue() {
		this.jdbc.update("delete from scheduled_tasks");
		this.jdbc.update("""
				insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
				values ('quiet', '0', now(), true, 1)""");
		this.jdbc.execute("analyze scheduled_tasks");
		this.jdbc.update("delete from scheduled_tasks");
	}

	@AfterEach
	void stopWorkers() {
		this.training.countDown();
		this.workers.forEach(Scheduler::stop);
		this.notifications.shutdownNow();
		this.jdbc.update("delete from scheduled_tasks");
	}

	@Test
	void aBurstOfQueuedRunsLeavesEachWorkerWithOneRunPicked() {
		OneTimeTask<Void> task = Tasks.oneTime(TASK, Void.class).execute((instance, context) -> {
			try {
				this.training.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		WorkerProperties properties = new WorkerProperties("cpu", "cpu", null, Duration.ofSeconds(5), 6,
				Duration.ofMinutes(10), Duration.ofSeconds(2), 3, Duration.ofSeconds(30), Duration.ofSeconds(5),
				List.of(), null, null);
		for (String name : List.of("worker-a", "worker-b")) {
			Scheduler worker = RunWorker.scheduler(this.dataSource, task, name, properties);
			worker.start();
			this.workers.add(worker);
		}
		// One transaction, as a study queues its runs, then a notification per run.
		this.jdbc.update("""
				insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
				select ?, 'run-' || i, now(), false, 1, 0 from generate_series(1, ?) i""", TASK, RUNS);
		for (int run = 0; run < RUNS; run++) {
			for (Scheduler worker : this.workers) {
				this.notifications.submit(worker::triggerCheckForDueExecutions);
			}
		}

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(picks()).containsKeys("worker-a", "worker-b"));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(picks()).containsOnly(entry("worker-a", 1), entry("worker-b", 1),
					entry("queued", RUNS - 2)));
	}

	private Map<String, Integer> picks() {
		Map<String, Integer> picks = new HashMap<>();
		RowCallbackHandler count = (row) -> picks.put(row.getString(1), row.getInt(2));
		this.jdbc.query("select coalesce(picked_by, 'queued'), count(*) from scheduled_tasks group by 1", count);
		return picks;
	}

}
