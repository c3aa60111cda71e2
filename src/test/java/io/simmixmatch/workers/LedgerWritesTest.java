package io.simmixmatch.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.simmixmatch.database.DatabaseAvailability;
import io.simmixmatch.runs.RunLedger;
import io.simmixmatch.runs.RunStatus;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.training.CheckpointWritten;
import io.simmixmatch.training.EpochResult;
import io.simmixmatch.training.Losses;
import io.simmixmatch.training.StepResult;
import io.simmixmatch.workers.LedgerWrites.DatabaseLostException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.mockito.invocation.InvocationOnMock;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.RETURNS_DEFAULTS;
import static org.mockito.Mockito.mock;

class LedgerWritesTest {

	private static final long SECOND = 1_000_000_000L;

	private static final long RUN = 7;

	private final AtomicLong clock = new AtomicLong();

	private final List<String> written = new ArrayList<>();

	private @Nullable RuntimeException failure;

	// Records each write it takes as "<method> <what>", or throws this.failure.
	private final RunLedger ledger = mock(RunLedger.class, this::write);

	private final ActiveRun run = new ActiveRun(RUN);

	private final LedgerWrites writes = new LedgerWrites(this.ledger, this.run, availability(), Duration.ofSeconds(20),
			Duration.ofSeconds(2), this.clock::get);

	@Test
	void writesWaitThroughAnOutageAndAreWrittenInOrderWhenTheDatabaseIsBack() {
		this.writes.submit(progress(1));
		this.failure = new CannotCreateTransactionException("Connection refused");
		this.writes.submit(epoch(1));
		at(1);
		this.writes.submit(progress(2));
		this.writes.submit(checkpoint(CheckpointKind.LAST, "last.ckpt"));
		this.writes.submit(checkpoint(CheckpointKind.PERIODIC, "epoch-0001.ckpt"));
		at(3);
		this.writes.submit(epoch(2));
		this.writes.submit(progress(3));
		this.writes.submit(checkpoint(CheckpointKind.LAST, "last.ckpt"));
		assertThat(this.written).containsExactly("recordProgress 1");
		assertThat(this.writes.waiting()).as("epoch 1, epoch-0001.ckpt, epoch 2, progress 3, last.ckpt").isEqualTo(5);

		this.failure = null;
		at(4);
		this.writes.submit(progress(4));
		assertThat(this.written).as("tried again every 2 s, last at 3 s").containsExactly("recordProgress 1");
		at(5);
		this.writes.submit(progress(5));

		assertThat(this.written).containsExactly("recordProgress 1", "recordEpoch 1", "storeCheckpoint epoch-0001.ckpt",
				"recordEpoch 2", "storeCheckpoint last.ckpt", "recordProgress 5");
		assertThat(this.writes.waiting()).isZero();
	}

	@Test
	void progressStopsTheRunWhenTheLedgerSaysAClientCancelledIt() {
		this.writes.submit(progress(1));
		assertThat(this.run.isCancelled()).isFalse();

		RunLedger cancelling = mock(RunLedger.class, (invocation) -> true);
		new LedgerWrites(cancelling, this.run, availability(), Duration.ofSeconds(20), Duration.ofSeconds(2),
				this.clock::get)
			.submit(progress(2));
		assertThat(this.run.isCancelled()).isTrue();
	}

	@Test
	void anOutageLongerThanTheToleranceFailsTheAttempt() {
		this.failure = new CannotCreateTransactionException("Connection refused");
		this.writes.submit(epoch(1));
		at(19);
		this.writes.submit(progress(1));
		at(21);
		assertThatExceptionOfType(DatabaseLostException.class).isThrownBy(() -> this.writes.submit(progress(2)))
			.withMessageContaining("unavailable for 21 s with 2 writes waiting");
	}

	@Test
	void aFailureWhileTheDatabaseAnswersFailsTheAttemptAtOnce() {
		this.failure = new DataIntegrityViolationException("duplicate key");
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.writes.submit(epoch(1)));
	}

	@Test
	void drainingWaitsForTheDatabaseToComeBack() {
		// Every look at this clock moves it on by half a second; the database is back at
		// 5 s.
		RunLedger returning = mock(RunLedger.class, (invocation) -> {
			if (this.clock.get() < 5 * SECOND) {
				throw new CannotCreateTransactionException("Connection refused");
			}
			return write(invocation);
		});
		LedgerWrites ticking = new LedgerWrites(returning, this.run, availability(), Duration.ofSeconds(20),
				Duration.ofSeconds(1), () -> this.clock.addAndGet(SECOND / 2));
		ticking.submit(epoch(1));
		ticking.submit(new LedgerWrite.Finish(RunStatus.SUCCEEDED, null, null));
		assertThat(ticking.waiting()).isEqualTo(2);

		ticking.drain();

		assertThat(this.written).containsExactly("recordEpoch 1", "finish SUCCEEDED");
		assertThat(ticking.waiting()).isZero();
	}

	private @Nullable Object write(InvocationOnMock invocation) throws Throwable {
		if (this.failure != null) {
			throw this.failure;
		}
		Object what = invocation.getArgument(1);
		if (what instanceof EpochResult epoch) {
			what = epoch.epoch();
		}
		else if (what instanceof CheckpointWritten checkpoint) {
			what = checkpoint.file().getFileName();
		}
		this.written.add(invocation.getMethod().getName() + " " + what);
		return RETURNS_DEFAULTS.answer(invocation);
	}

	private static LedgerWrite progress(long step) {
		return new LedgerWrite.Progress(new StepResult(step, 100, 1, new Losses(1, 1, 0, 0), 2e-3, 500, 0.1), 60);
	}

	private static LedgerWrite epoch(int epoch) {
		return new LedgerWrite.Epoch(
				new EpochResult(epoch, epoch * 10L, 2e-3, new Losses(1, 1, 0, 0), null, 500, 0.1, 1000, false));
	}

	private static LedgerWrite checkpoint(CheckpointKind kind, String file) {
		return new LedgerWrite.Checkpoint(new CheckpointWritten(kind, 1, 10, null, Path.of(file)));
	}

	private static DatabaseAvailability availability() {
		return new DatabaseAvailability(new StaticListableBeanFactory().getBeanProvider(DataSource.class));
	}

	private void at(long seconds) {
		this.clock.set(seconds * SECOND);
	}

}
