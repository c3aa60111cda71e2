package io.simmixmatch.training;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * A checkpoint's EMA network in inference mode: class probabilities for batches of
 * images, preprocessed as evaluation did (pixels in [0, 1], then the training set's
 * normalization). The network runs eagerly, operation by operation, so a new batch size
 * costs no graph re-optimization. {@link #probabilities} may be called from several
 * threads at once: each call works in its own NDManager, and inference changes no state.
 */
public final class Classifier implements AutoCloseable {

	private final Model model;

	private final CheckpointMetadata metadata;

	private final ParameterStore parameters;

	private Classifier(Model model, CheckpointMetadata metadata) {
		this.model = model;
		this.metadata = metadata;
		this.parameters = new ParameterStore(model.getNDManager(), false);
	}

	/**
	 * Loads a checkpoint's EMA weights.
	 * @param checkpoint the checkpoint file
	 * @param device where to run
	 * @return the classifier; close it to free its memory
	 * @throws IOException if the file is not a checkpoint of a known network
	 */
	public static Classifier load(Path checkpoint, Device device) throws IOException {
		CheckpointFile file = CheckpointFile.read(checkpoint);
		CheckpointMetadata metadata = file.metadata();
		Model model = Model.newInstance("classifier", device);
		try {
			Hyperparameters hp = metadata.hyperparameters();
			model.setBlock(SemiSupervisedNet.of(hp.model(), hp.batchNormMomentum(), metadata.classNames().size()));
			model.getBlock()
				.initialize(model.getNDManager(), DataType.FLOAT32,
						new Shape(1, metadata.channels(), metadata.height(), metadata.width()));
			file.loadEma(model.getBlock(), model.getNDManager());
			return new Classifier(model, metadata);
		}
		catch (IOException | RuntimeException ex) {
			model.close();
			throw ex;
		}
	}

	public CheckpointMetadata metadata() {
		return this.metadata;
	}

	/**
	 * The network with the checkpoint's EMA weights, for an exporter to read; inference
	 * must not change it.
	 * @return the network
	 */
	public SemiSupervisedNet network() {
		return (SemiSupervisedNet) this.model.getBlock();
	}

	/**
	 * Values per image: channels x height x width.
	 * @return the input size of one image
	 */
	public int imageSize() {
		return this.metadata.channels() * this.metadata.height() * this.metadata.width();
	}

	/**
	 * Classifies a batch.
	 * @param images {@code count} images one after another, channel-major, pixel values
	 * in [0, 1]
	 * @param count how many images
	 * @return the class probabilities of each image
	 */
	public float[][] probabilities(float[] images, int count) {
		if (images.length != count * imageSize()) {
			throw new IllegalArgumentException(
					"Expected " + count + " x " + imageSize() + " values, got " + images.length);
		}
		GradMode.disable();
		try (NDManager manager = this.model.getNDManager().newSubManager()) {
			NDArray batch = manager.create(images,
					new Shape(count, this.metadata.channels(), this.metadata.height(), this.metadata.width()));
			NDArray logits = this.model.getBlock()
				.forward(this.parameters, new NDList(this.metadata.normalization().apply(batch)), false)
				.singletonOrThrow();
			float[] flat = logits.softmax(-1).toFloatArray();
			int classes = this.metadata.classNames().size();
			float[][] probabilities = new float[count][classes];
			for (int i = 0; i < count; i++) {
				System.arraycopy(flat, i * classes, probabilities[i], 0, classes);
			}
			return probabilities;
		}
	}

	@Override
	public void close() {
		this.model.close();
	}

}
