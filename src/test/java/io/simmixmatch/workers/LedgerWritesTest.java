package io.simmixmatch.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.simmixmatch.database.DatabaseAvailability;
import io.simmixmatch.workers.LedgerWrites.DatabaseLostException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LedgerWritesTest {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong();

	private final List<String> written = new ArrayList<>();

	private boolean databaseDown;

	private final LedgerWrites writes = new LedgerWrites(
			new DatabaseAvailability(new StaticListableBeanFactory().getBeanProvider(DataSource.class)),
			Duration.ofSeconds(20), Duration.ofSeconds(2), this.clock::get);

	@Test
	void writesWaitThroughAnOutageAndAreWrittenInOrderWhenTheDatabaseIsBack() {
		submit("progress", "progress 1");
		this.databaseDown = true;
		submit(null, "epoch 1");
		at(1);
		submit("progress", "progress 2");
		submit("checkpoint last", "last after epoch 1");
		at(3);
		submit(null, "epoch 2");
		submit("progress", "progress 3");
		submit("checkpoint last", "last after epoch 2");
		assertThat(this.written).containsExactly("progress 1");
		assertThat(this.writes.waiting()).isEqualTo(4);

		this.databaseDown = false;
		at(4);
		submit("progress", "progress 4");
		assertThat(this.written).as("tried again every 2 s, last at 3 s").containsExactly("progress 1");
		at(5);
		submit("progress", "progress 5");

		assertThat(this.written).containsExactly("progress 1", "epoch 1", "epoch 2", "last after epoch 2",
				"progress 5");
		assertThat(this.writes.waiting()).isZero();
	}

	@Test
	void anOutageLongerThanTheToleranceFailsTheAttempt() {
		this.databaseDown = true;
		submit(null, "epoch 1");
		at(19);
		submit("progress", "progress 1");
		at(21);
		assertThatExceptionOfType(DatabaseLostException.class).isThrownBy(() -> submit("progress", "progress 2"))
			.withMessageContaining("unavailable for 21 s with 2 writes waiting");
	}

	@Test
	void aFailureWhileTheDatabaseAnswersFailsTheAttemptAtOnce() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.writes.submit(null, () -> {
				throw new DataIntegrityViolationException("duplicate key");
			}));
	}

	@Test
	void drainingWaitsForTheDatabaseToComeBack() {
		// Every look at this clock moves it on by half a second; the database is back at
		// 5 s.
		LedgerWrites ticking = new LedgerWrites(
				new DatabaseAvailability(new StaticListableBeanFactory().getBeanProvider(DataSource.class)),
				Duration.ofSeconds(20), Duration.ofSeconds(1), () -> this.clock.addAndGet(SECOND / 2));
		for (String write : List.of("epoch 1", "finish")) {
			ticking.submit(null, () -> {
				if (this.clock.get() < 5 * SECOND) {
					throw new CannotCreateTransactionException("Connection refused");
				}
				this.written.add(write);
			});
		}
		assertThat(ticking.waiting()).isEqualTo(2);

		ticking.drain();

		assertThat(this.written).containsExactly("epoch 1", "finish");
		assertThat(ticking.waiting()).isZero();
	}

	private void submit(String key, String write) {
		this.writes.submit(key, () -> {
			if (this.databaseDown) {
				throw new CannotCreateTransactionException("Connection refused");
			}
			this.written.add(write);
		});
	}

	private void at(long seconds) {
		this.clock.set(seconds * SECOND);
	}

}
