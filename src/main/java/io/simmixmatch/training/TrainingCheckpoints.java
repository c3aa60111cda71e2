package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Model;
import ai.djl.ndarray.NDScope;
import io.simmixmatch.data.ImageSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's checkpoint files: their names, writing the state of the loop (model, average,
 * optimizer, FlexMatch's pseudo-labels, progress) and restoring it.
 */
final class TrainingCheckpoints {

	private static final Logger log = LoggerFactory.getLogger(TrainingCheckpoints.class);

	private final TrainingSetup setup;

	private final Model model;

	private final Model average;

	private final CheckpointableAdam optimizer;

	private final PseudoLabelThresholds thresholds;

	private final Normalization normalization;

	private final TrainingObserver observer;

	TrainingCheckpoints(TrainingSetup setup, Model model, Model average, CheckpointableAdam optimizer,
			PseudoLabelThresholds thresholds, Normalization normalization, TrainingObserver observer) {
		this.setup = setup;
		this.model = model;
		this.average = average;
		this.optimizer = optimizer;
		this.thresholds = thresholds;
		this.normalization = normalization;
		this.observer = observer;
	}

	/**
	 * Where a checkpoint of a kind goes.
	 * @param directory the run's checkpoint directory
	 * @param kind the kind
	 * @param epoch the epoch, for PERIODIC ones
	 * @return its file
	 */
	static Path path(Path directory, CheckpointKind kind, int epoch) {
		String name = switch (kind) {
			case BEST -> "best.ckpt";
			case LAST -> "last.ckpt";
			case PERIODIC -> "epoch-%04d.ckpt".formatted(epoch);
			case RELEASED -> throw new IllegalArgumentException("Only a promotion copies a RELEASED checkpoint");
		};
		return directory.resolve(name);
	}

	/**
	 * Writes the loop's state.
	 * @param kind the kind
	 * @param epoch the last epoch completed
	 * @param progress where the run is
	 * @return the file
	 * @throws IOException if it cannot be written
	 */
	Path write(CheckpointKind kind, int epoch, TrainingProgress progress) throws IOException {
		Path file = path(this.setup.checkpointDirectory(), kind, epoch);
		ImageSet images = this.setup.images();
		CheckpointMetadata metadata = new CheckpointMetadata(CheckpointMetadata.FORMAT_VERSION, this.setup.algorithm(),
				this.setup.hyperparameters(), images.name(), images.classNames(), images.channels(), images.height(),
				images.width(), this.normalization, epoch, progress.step, progress.trainedSeconds, progress.best,
				progress.bestEpoch, List.copyOf(progress.history));
		try (NDScope scope = new NDScope()) {
			scope.suppressNotUsedWarning();
			CheckpointFile.write(file, metadata, this.model.getBlock(), this.average.getBlock(),
					this.optimizer.state(parameterNames(this.model)), this.thresholds.state());
		}
		this.observer.onCheckpoint(kind, epoch, file);
		return file;
	}

	/**
	 * Keeps a copy of the epoch's LAST checkpoint as another kind: the same state serves
	 * every kind, so it is serialized once and copied.
	 * @param last the LAST checkpoint just written
	 * @param kind the kind of the copy
	 * @param epoch the epoch
	 * @throws IOException if it cannot be copied
	 */
	void keep(Path last, CheckpointKind kind, int epoch) throws IOException {
		Path file = path(this.setup.checkpointDirectory(), kind, epoch);
		CheckpointFile.copy(last, file);
		this.observer.onCheckpoint(kind, epoch, file);
	}

	/**
	 * Restores the average and the optimizer from a checkpoint whose model is loaded.
	 * @param checkpoint the checkpoint
	 * @param progress filled with where the run was
	 * @throws IOException if it cannot be read
	 */
	void restore(CheckpointFile checkpoint, TrainingProgress progress) throws IOException {
		CheckpointMetadata metadata = checkpoint.metadata();
		checkpoint.loadEma(this.average.getBlock(), this.average.getNDManager());
		this.optimizer.restore(checkpoint.optimizerState(this.model.getNDManager()), parameterIds(this.model));
		this.thresholds.restore(checkpoint.pseudoLabels());
		log.info("Resumed at epoch {}, step {}", metadata.epoch(), metadata.step());
		progress.step = metadata.step();
		progress.trainedSeconds = metadata.trainedSeconds();
		progress.history.addAll(metadata.history());
		progress.best = metadata.best();
		progress.bestEpoch = metadata.bestEpoch();
	}

	private static Map<String, String> parameterNames(Model model) {
		Map<String, String> names = new HashMap<>();
		model.getBlock().getParameters().forEach((pair) -> names.put(pair.getValue().getId(), pair.getKey()));
		return names;
	}

	private static Map<String, String> parameterIds(Model model) {
		Map<String, String> ids = new HashMap<>();
		model.getBlock().getParameters().forEach((pair) -> ids.put(pair.getKey(), pair.getValue().getId()));
		return ids;
	}

}
