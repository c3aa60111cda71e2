package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import ai.djl.ndarray.NDScope;
import io.simmixmatch.data.ImageSet;

/**
 * Writes a run's checkpoints as it trains: LAST after every epoch and when the run is
 * asked to stop, and copies of it as BEST after the best epoch so far and as PERIODIC
 * every {@code checkpointEvery} epochs. A checkpoint holds the state of the session
 * (model, average, optimizer, pseudo-label weighting, progress); the run's listener hears
 * about each file.
 */
final class CheckpointListener implements TrainingListener {

	private final TrainingSession session;

	private final TrainingListener listener;

	/**
	 * @param session the run's state
	 * @param listener told about every checkpoint written
	 */
	CheckpointListener(TrainingSession session, TrainingListener listener) {
		this.session = session;
		this.listener = listener;
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

	@Override
	public void onEpoch(EpochResult epoch) throws IOException {
		Path last = write(epoch.epoch());
		if (epoch.best()) {
			keep(last, CheckpointKind.BEST, epoch.epoch());
		}
		if (epoch.epoch() % this.session.setup.hyperparameters().checkpointEvery() == 0) {
			keep(last, CheckpointKind.PERIODIC, epoch.epoch());
		}
	}

	@Override
	public void onStop(int epoch) throws IOException {
		write(epoch);
	}

	private Path write(int epoch) throws IOException {
		TrainingSetup setup = this.session.setup;
		TrainingProgress progress = this.session.progress;
		Path file = path(setup.checkpointDirectory(), CheckpointKind.LAST, epoch);
		ImageSet images = setup.images();
		CheckpointMetadata metadata = new CheckpointMetadata(CheckpointMetadata.FORMAT_VERSION, setup.algorithm(),
				setup.hyperparameters(), images.name(), images.classNames(), images.channels(), images.height(),
				images.width(), this.session.data.normalization(), epoch, progress.step(), progress.trainedSeconds(),
				progress.best(), progress.bestEpoch(), progress.history());
		try (NDScope scope = new NDScope()) {
			scope.suppressNotUsedWarning();
			CheckpointFile.write(file, metadata, this.session.model.getBlock(), this.session.average.getBlock(),
					this.session.optimizer.state(parameterNames()),
					(this.session.alignment != null) ? this.session.alignment.state() : new byte[0],
					this.session.weighting.state());
		}
		this.listener.onCheckpoint(written(CheckpointKind.LAST, epoch, file));
		return file;
	}

	// The same state serves every kind, so it is serialized once and copied.
	private void keep(Path last, CheckpointKind kind, int epoch) throws IOException {
		Path file = path(this.session.setup.checkpointDirectory(), kind, epoch);
		CheckpointFile.copy(last, file);
		this.listener.onCheckpoint(written(kind, epoch, file));
	}

	private CheckpointWritten written(CheckpointKind kind, int epoch, Path file) {
		TrainingProgress progress = this.session.progress;
		return new CheckpointWritten(kind, epoch, progress.step(), progress.validationOf(epoch), file);
	}

	private Map<String, String> parameterNames() {
		Map<String, String> names = new HashMap<>();
		this.session.model.getBlock()
			.getParameters()
			.forEach((pair) -> names.put(pair.getValue().getId(), pair.getKey()));
		return names;
	}

}
