package io.simmixmatch.workers;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

import io.simmixmatch.database.DatabaseAvailability;
import io.simmixmatch.runs.RunLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training attempt's writes to the ledger, in order, riding out a database outage:
 * while the database cannot be reached, writes wait here and training goes on; when it
 * answers again they are written, oldest first, and nothing the attempt did is lost. An
 * outage longer than {@code tolerance} fails the attempt: by then other workers may count
 * this one dead, and the run resumes from its last stored checkpoint instead. A write
 * that fails while the database is reachable fails the attempt at once.
 */
final class LedgerWrites {

	private static final Logger log = LoggerFactory.getLogger(LedgerWrites.class);

	private final RunLedger ledger;

	private final ActiveRun run;

	private final DatabaseAvailability database;

	private final long toleranceNanos;

	private final long retryNanos;

	private final LongSupplier nanoTime;

	private final Deque<LedgerWrite> pending = new ArrayDeque<>();

	private boolean failing;

	private long failingSince;

	private long lastTry;

	/**
	 * Creates the writes of one attempt.
	 * @param ledger where they go
	 * @param run the run the attempt trains
	 * @param database tells an outage from other failures
	 * @param tolerance how long writes may wait for the database
	 * @param retryInterval how often waiting writes are tried again
	 * @param nanoTime the clock
	 */
	LedgerWrites(RunLedger ledger, ActiveRun run, DatabaseAvailability database, Duration tolerance,
			Duration retryInterval, LongSupplier nanoTime) {
		this.ledger = ledger;
		this.run = run;
		this.database = database;
		this.toleranceNanos = tolerance.toNanos();
		this.retryNanos = retryInterval.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * The writes of an attempt on a worker: they wait for the database up to two
	 * heartbeats less than the silence after which the worker counts as dead, so the
	 * worker's heartbeats resume before anyone could count it dead (20 s by default).
	 * @param ledger where they go
	 * @param run the run the attempt trains
	 * @param database tells an outage from other failures
	 * @param properties the worker's heartbeats and progress interval
	 * @return the writes
	 */
	static LedgerWrites of(RunLedger ledger, ActiveRun run, DatabaseAvailability database,
			WorkerProperties properties) {
		Duration heartbeat = properties.heartbeatInterval();
		Duration tolerance = properties.deadAfter().minus(heartbeat.multipliedBy(2));
		return new LedgerWrites(ledger, run, database, tolerance, properties.progressInterval(), System::nanoTime);
	}

	/**
	 * Writes now, or after the writes still waiting, dropping those it replaces.
	 * @param write the write
	 */
	void submit(LedgerWrite write) {
		this.pending.removeIf(write::replaces);
		this.pending.add(write);
		long now = this.nanoTime.getAsLong();
		if (!this.failing || now - this.lastTry >= this.retryNanos) {
			flush(now);
		}
		else {
			checkTolerance(now);
		}
	}

	/**
	 * Writes everything still waiting, trying again until the database answers or the
	 * tolerance is spent.
	 * @throws DatabaseLostException if the database stays away too long
	 */
	void drain() {
		while (!this.pending.isEmpty()) {
			long now = this.nanoTime.getAsLong();
			if (now - this.lastTry >= this.retryNanos) {
				flush(now);
			}
			else {
				checkTolerance(now);
				sleep(Duration.ofNanos(this.retryNanos - (now - this.lastTry)));
			}
		}
	}

	int waiting() {
		return this.pending.size();
	}

	private void flush(long now) {
		this.lastTry = now;
		while (!this.pending.isEmpty()) {
			try {
				this.pending.peek().writeTo(this.ledger, this.run);
			}
			catch (RuntimeException ex) {
				if (!this.database.isUnavailable(ex)) {
					throw ex;
				}
				if (!this.failing) {
					this.failing = true;
					this.failingSince = now;
					log.warn("The database is unavailable ({}); {} writes wait while training goes on", ex.getMessage(),
							this.pending.size());
				}
				checkTolerance(now);
				return;
			}
			this.pending.poll();
		}
		if (this.failing) {
			this.failing = false;
			log.info("The database is back after {} ms; the waiting writes are written",
					Duration.ofNanos(now - this.failingSince).toMillis());
		}
	}

	private void checkTolerance(long now) {
		if (this.failing && now - this.failingSince > this.toleranceNanos) {
			throw new DatabaseLostException("The database has been unavailable for "
					+ Duration.ofNanos(now - this.failingSince).toSeconds() + " s with " + this.pending.size()
					+ " writes waiting; the run resumes from its last stored checkpoint");
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(Math.max(1, duration.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DatabaseLostException("Interrupted while waiting for the database");
		}
	}

	/** The database stayed away longer than an attempt may wait for it. */
	static final class DatabaseLostException extends RuntimeException {

		DatabaseLostException(String message) {
			super(message);
		}

	}

}
