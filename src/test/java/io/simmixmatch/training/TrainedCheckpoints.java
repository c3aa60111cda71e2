package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.Device;
import io.simmixmatch.data.DataSplit;
import io.simmixmatch.data.ImageSet;
import io.simmixmatch.data.SplitPlan;
import io.simmixmatch.data.SyntheticImages;

/** Small classifiers trained on the synthetic images, for tests that serve them. */
public final class TrainedCheckpoints {

	/** The images the checkpoints were trained on. */
	public static final ImageSet IMAGES = SyntheticImages.of(60, 3);

	private static final DataSplit SPLIT = new SplitPlan(10, 10, 10, 3).apply(IMAGES);

	private TrainedCheckpoints() {
	}

	/**
	 * Trains a supervised classifier.
	 * @param directory where its checkpoints go
	 * @param epochs epochs of 15 steps
	 * @return its best checkpoint
	 * @throws IOException if a checkpoint cannot be written
	 */
	public static Path supervised(Path directory, int epochs) throws IOException {
		TrainingSetup setup = new TrainingSetup(Algorithm.SUPERVISED, TrainingLoopTest.hyperparameters(epochs, 15),
				IMAGES, SPLIT, Device.cpu(), directory);
		TrainingOutcome outcome = new SemiSupervisedTraining(setup).train(null, new TrainingListener() {
		}, () -> false);
		return outcome.bestCheckpoint();
	}

	/**
	 * A checkpoint file as the training loop reports it, what it holds read from it.
	 * @param kind why it was written
	 * @param file the file
	 * @return the report
	 * @throws IOException if the file cannot be read
	 */
	public static CheckpointWritten written(CheckpointKind kind, Path file) throws IOException {
		CheckpointMetadata metadata = CheckpointFile.readMetadata(file);
		TrainingProgress progress = new TrainingProgress();
		progress.restore(metadata);
		return new CheckpointWritten(kind, metadata.epoch(), progress.step(), progress.validationOf(metadata.epoch()),
				file);
	}

	/**
	 * One synthetic image's bytes.
	 * @param index which image
	 * @return its 28 x 28 grayscale bytes
	 */
	public static byte[] image(int index) {
		byte[] pixels = new byte[IMAGES.imageBytes()];
		System.arraycopy(IMAGES.pixels(), index * pixels.length, pixels, 0, pixels.length);
		return pixels;
	}

}
