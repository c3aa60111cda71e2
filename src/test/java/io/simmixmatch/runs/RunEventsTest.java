package io.simmixmatch.runs;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.simmixmatch.database.EmbeddedPostgresAutoConfiguration;
import io.simmixmatch.database.PostgresNotifications;
import io.simmixmatch.training.CheckpointKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of run event through a real PostgreSQL: written as JSON on the one channel
 * and read back equal by every subscriber once its transaction commits, heard inside the
 * transaction by this process's listeners, and never heard if the transaction rolls back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration(EmbeddedPostgresAutoConfiguration.class)
@Import({ PostgresNotifications.class, RunEvents.class, RunEventsTest.InProcessListener.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class RunEventsTest {

	private static final RunEvent PROBE = new RunEvent.Requeued(0);

	private static final List<RunEvent> EVERY_KIND = List.of(new RunEvent.Queued(1, 5), new RunEvent.Requeued(2),
			new RunEvent.Started(3, "cpu-worker-1"), new RunEvent.Progressed(4, 40, 600),
			new RunEvent.EpochRecorded(5, 2, 0.4375), new RunEvent.EpochRecorded(6, 1, null),
			new RunEvent.CheckpointStored(7, CheckpointKind.BEST), new RunEvent.CancelRequested(8),
			new RunEvent.HandedBack(9), new RunEvent.Finished(10, RunStatus.SUCCEEDED));

	@Autowired
	private RunEvents events;

	@Autowired
	private InProcessListener inProcess;

	@Autowired
	private PlatformTransactionManager transactionManager;

	private final List<RunEvent> heard = new CopyOnWriteArrayList<>();

	// The channel is listened to a moment after the first subscription: until a probe
	// comes back, an event could be sent before anyone listens.
	@BeforeEach
	void subscribe() {
		this.events.subscribe(this.heard::add);
		await().until(() -> {
			this.events.publish(PROBE);
			return this.heard.contains(PROBE);
		});
	}

	@Test
	void theListCoversEveryKindOfEvent() {
		assertThat(EVERY_KIND.stream().map(Object::getClass).distinct())
			.containsExactlyInAnyOrderElementsOf(Arrays.asList(RunEvent.class.getPermittedSubclasses()));
	}

	@Test
	void everyKindArrivesEqualAndInOrderWhenItsTransactionCommits() {
		inTransaction(() -> {
			EVERY_KIND.forEach(this.events::publish);
			assertThat(this.inProcess.heard).as("this process's listeners hear each event inside the transaction")
				.containsSubsequence(EVERY_KIND);
			assertThat(published()).as("subscribers hear nothing before the commit").isEmpty();
		});

		await().untilAsserted(() -> assertThat(published()).containsExactlyElementsOf(EVERY_KIND));
	}

	@Test
	void anEventOfATransactionThatRollsBackIsNeverHeard() {
		RunEvent rolledBack = new RunEvent.CancelRequested(11);
		RunEvent committed = new RunEvent.Finished(12, RunStatus.CANCELLED);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.events.publish(rolledBack);
			status.setRollbackOnly();
		});
		inTransaction(() -> this.events.publish(committed));

		await().untilAsserted(() -> assertThat(published()).containsExactly(committed));
	}

	private List<RunEvent> published() {
		return this.heard.stream().filter((event) -> !event.equals(PROBE)).toList();
	}

	private void inTransaction(Runnable work) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> work.run());
	}

	/**
	 * A listener in the publishing process, as the run queue and the median rule are: it
	 * keeps what it hears inside a transaction.
	 */
	static class InProcessListener {

		final List<RunEvent> heard = new CopyOnWriteArrayList<>();

		@EventListener
		void on(RunEvent event) {
			if (TransactionSynchronizationManager.isActualTransactionActive()) {
				this.heard.add(event);
			}
		}

	}

}
