package io.simmixmatch.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.simmixmatch.training.Classifier;

/**
 * Gathers single images from concurrent requests into batches for one classifier: a batch
 * closes when it is full or when its first image has waited {@code maxWait}. A bounded
 * queue turns images away when it is full rather than letting latency grow without bound.
 * Closing drains what was accepted before it returns.
 */
final class MicroBatcher implements AutoCloseable {

	private final Classifier classifier;

	private final int maxBatch;

	private final long maxWaitNanos;

	private final InferenceMetrics metrics;

	private final BlockingQueue<Job> queue;

	private final List<Thread> predictors = new ArrayList<>();

	private final ReadWriteLock closing = new ReentrantReadWriteLock();

	private volatile boolean closed;

	MicroBatcher(Classifier classifier, InferenceProperties properties, InferenceMetrics metrics, String name) {
		this.classifier = classifier;
		this.maxBatch = properties.maxBatch();
		this.maxWaitNanos = properties.maxWait().toNanos();
		this.metrics = metrics;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		for (int i = 0; i < properties.predictors(); i++) {
			Thread predictor = new Thread(this::predictUntilClosed, "predictor-" + name + "-" + i);
			predictor.setDaemon(true);
			predictor.start();
			this.predictors.add(predictor);
		}
	}

	/**
	 * Queues one image.
	 * @param pixels channel-major values in [0, 1]
	 * @return its class probabilities, when its batch has run
	 * @throws Overloaded if the queue is full
	 * @throws Unloaded if the model was unloaded
	 */
	CompletableFuture<float[]> submit(float[] pixels) {
		this.closing.readLock().lock();
		try {
			if (this.closed) {
				throw new Unloaded();
			}
			Job job = new Job(pixels, new CompletableFuture<>(), System.nanoTime());
			if (!this.queue.offer(job)) {
				throw new Overloaded();
			}
			return job.result();
		}
		finally {
			this.closing.readLock().unlock();
		}
	}

	int queued() {
		return this.queue.size();
	}

	@Override
	public void close() {
		this.closing.writeLock().lock();
		try {
			this.closed = true;
		}
		finally {
			this.closing.writeLock().unlock();
		}
		for (Thread predictor : this.predictors) {
			try {
				predictor.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void predictUntilClosed() {
		try {
			while (!this.closed || !this.queue.isEmpty()) {
				Job first = this.queue.poll(50, TimeUnit.MILLISECONDS);
				if (first != null) {
					predict(gather(first));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private List<Job> gather(Job first) throws InterruptedException {
		List<Job> batch = new ArrayList<>(this.maxBatch);
		batch.add(first);
		long deadline = first.enqueuedAt() + this.maxWaitNanos;
		while (batch.size() < this.maxBatch) {
			long remaining = deadline - System.nanoTime();
			Job next = (remaining > 0) ? this.queue.poll(remaining, TimeUnit.NANOSECONDS) : this.queue.poll();
			if (next == null) {
				break;
			}
			batch.add(next);
		}
		return batch;
	}

	private void predict(List<Job> batch) {
		long started = System.nanoTime();
		int size = this.classifier.imageSize();
		float[] input = new float[batch.size() * size];
		for (int i = 0; i < batch.size(); i++) {
			System.arraycopy(batch.get(i).pixels(), 0, input, i * size, size);
			this.metrics.queueWait(started - batch.get(i).enqueuedAt());
		}
		this.metrics.batch(batch.size());
		try {
			float[][] probabilities = this.classifier.probabilities(input, batch.size());
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).result().complete(probabilities[i]);
			}
		}
		catch (RuntimeException ex) {
			batch.forEach((job) -> job.result().completeExceptionally(ex));
		}
	}

	private record Job(float[] pixels, CompletableFuture<float[]> result, long enqueuedAt) {
	}

	/** The queue is full: the client should come back shortly. */
	static final class Overloaded extends RuntimeException {

		Overloaded() {
			super("The prediction queue is full", null, false, false);
		}

	}

	/** The model was unloaded between its lookup and the submission: look it up again. */
	static final class Unloaded extends RuntimeException {

		Unloaded() {
			super("The model was unloaded", null, false, false);
		}

	}

}
