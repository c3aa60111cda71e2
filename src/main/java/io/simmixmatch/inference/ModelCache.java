package io.simmixmatch.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import ai.djl.Device;
import io.simmixmatch.checkpoints.Checkpoints;
import io.simmixmatch.checkpoints.StoredCheckpoint;
import io.simmixmatch.training.Classifier;
import io.simmixmatch.training.Devices;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Loaded models by checkpoint (its SHA-256: the same bytes load once), least recently
 * used first out when their checkpoints' bytes exceed the memory budget. A model is
 * loaded once however many requests ask for it at the same time; an unloaded model
 * answers what it had accepted before it goes.
 */
@Component
class ModelCache implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ModelCache.class);

	private final Checkpoints checkpoints;

	private final InferenceProperties properties;

	private final InferenceMetrics metrics;

	private final Clock clock;

	private volatile @Nullable Device device;

	// Access order: the first entry is the least recently used.
	private final LinkedHashMap<String, CompletableFuture<LoadedModel>> models = new LinkedHashMap<>(16, 0.75f, true);

	ModelCache(Checkpoints checkpoints, InferenceProperties properties, InferenceMetrics metrics, Clock clock) {
		this.checkpoints = checkpoints;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * The loaded model of a checkpoint, loading it if needed.
	 * @param checkpoint the checkpoint
	 * @return the model
	 * @throws UncheckedIOException if it cannot be loaded
	 */
	LoadedModel get(StoredCheckpoint checkpoint) {
		CompletableFuture<LoadedModel> model;
		boolean load;
		synchronized (this.models) {
			model = this.models.get(checkpoint.sha256());
			load = model == null;
			if (load) {
				model = new CompletableFuture<>();
				this.models.put(checkpoint.sha256(), model);
			}
		}
		if (load) {
			try {
				model.complete(load(checkpoint));
			}
			catch (IOException | RuntimeException ex) {
				forget(checkpoint.sha256());
				model.completeExceptionally(ex);
			}
			evictBeyondBudget();
		}
		try {
			return model.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof IOException io) ? new UncheckedIOException(io)
					: (RuntimeException) ex.getCause();
		}
	}

	List<LoadedModel> loaded() {
		synchronized (this.models) {
			return this.models.values().stream().filter(ModelCache::isLoaded).map(CompletableFuture::join).toList();
		}
	}

	String device() {
		return Devices.name(inferenceDevice());
	}

	// Resolved on first use: looking for GPUs loads the engine, which a process that
	// serves no predictions never needs.
	private Device inferenceDevice() {
		Device resolved = this.device;
		if (resolved == null) {
			resolved = Devices.parse(this.properties.device());
			this.device = resolved;
		}
		return resolved;
	}

	@Override
	public void destroy() {
		List<LoadedModel> all;
		synchronized (this.models) {
			all = loaded();
			this.models.clear();
		}
		all.forEach(LoadedModel::close);
	}

	private LoadedModel load(StoredCheckpoint checkpoint) throws IOException {
		long started = System.nanoTime();
		Path file = Files.createTempFile("model-", ".ckpt");
		try {
			this.checkpoints.download(checkpoint, file);
			Classifier classifier = Classifier.load(file, inferenceDevice());
			String name = checkpoint.sha256().substring(0, 8);
			LoadedModel model = new LoadedModel(checkpoint, classifier,
					new MicroBatcher(classifier, this.properties, this.metrics, name), this.clock.instant());
			log.info("Loaded checkpoint {} of run {} on {} in {} ms", name, checkpoint.runId(), device(),
					(System.nanoTime() - started) / 1_000_000);
			return model;
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private void forget(String sha256) {
		synchronized (this.models) {
			this.models.remove(sha256);
		}
	}

	private void evictBeyondBudget() {
		List<LoadedModel> evicted = new ArrayList<>();
		synchronized (this.models) {
			long budget = this.properties.memoryBudget().toBytes();
			long used = loaded().stream().mapToLong((model) -> model.checkpoint().sizeBytes()).sum();
			Iterator<Map.Entry<String, CompletableFuture<LoadedModel>>> oldestFirst = this.models.entrySet().iterator();
			// The most recently used model stays even if it alone exceeds the budget.
			while (used > budget && this.models.size() > 1 && oldestFirst.hasNext()) {
				CompletableFuture<LoadedModel> model = oldestFirst.next().getValue();
				if (isLoaded(model)) {
					oldestFirst.remove();
					evicted.add(model.join());
					used -= model.join().checkpoint().sizeBytes();
				}
			}
		}
		evicted.forEach((model) -> {
			log.info("Unloading checkpoint {} of run {}: over the memory budget",
					model.checkpoint().sha256().substring(0, 8), model.checkpoint().runId());
			model.close();
		});
	}

	// Neither still loading nor failed to load.
	private static boolean isLoaded(CompletableFuture<LoadedModel> model) {
		return model.isDone() && !model.isCompletedExceptionally();
	}

}
