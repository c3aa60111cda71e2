package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A backbone with two heads: a classifier for the labels and a projection head for the
 * contrastive loss. In training mode it answers {@code (logits, projections)}; otherwise
 * only the logits, which is all evaluation and serving need. Images enter the backbone
 * {@linkplain ChannelsLast channels-last}.
 */
public final class SemiSupervisedNet extends AbstractBlock {

	private static final byte VERSION = 1;

	private static final int PROJECTION_DIM = 64;

	private final Block backbone;

	private final Block classifier;

	private final Block projector;

	/**
	 * The network of an architecture for a number of classes, as training builds it and
	 * serving loads it.
	 * @param architecture the backbone
	 * @param batchNormMomentum the weight of a training batch's statistics in BatchNorm's
	 * running ones
	 * @param numClasses the number of classes
	 * @return an uninitialized network
	 */
	public static SemiSupervisedNet of(ModelArchitecture architecture, double batchNormMomentum, int numClasses) {
		return new SemiSupervisedNet(architecture.layers((float) batchNormMomentum).block(), numClasses,
				PROJECTION_DIM);
	}

	/**
	 * Builds the network.
	 * @param backbone maps images to a feature vector
	 * @param numClasses the number of classes
	 * @param projectionDim the size of the contrastive embedding
	 */
	public SemiSupervisedNet(Block backbone, int numClasses, int projectionDim) {
		super(VERSION);
		this.backbone = addChildBlock("backbone", backbone);
		this.classifier = addChildBlock("classifier", Linear.builder().setUnits(numClasses).build());
		this.projector = addChildBlock("projector",
				new SequentialBlock().add(Linear.builder().setUnits(2L * projectionDim).build())
					.add(Activation::relu)
					.add(Linear.builder().setUnits(projectionDim).build()));
	}

	/**
	 * The backbone, built from its architecture's
	 * {@link ModelArchitecture#layers(float)}.
	 * @return images in, features out
	 */
	public Block backbone() {
		return this.backbone;
	}

	/**
	 * The classifier head.
	 * @return a linear layer from the features to the logits
	 */
	public Block classifier() {
		return this.classifier;
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
			PairList<String, Object> params) {
		NDList images = new NDList(ChannelsLast.of(inputs.singletonOrThrow()));
		NDList features = this.backbone.forward(parameterStore, images, training, params);
		NDArray logits = this.classifier.forward(parameterStore, features, training).singletonOrThrow();
		if (!training) {
			return new NDList(logits);
		}
		NDArray projections = this.projector.forward(parameterStore, features, training).singletonOrThrow();
		return new NDList(logits, projections);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		Shape[] features = this.backbone.getOutputShapes(inputShapes);
		return new Shape[] { this.classifier.getOutputShapes(features)[0],
				this.projector.getOutputShapes(features)[0] };
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		this.backbone.initialize(manager, dataType, inputShapes);
		Shape[] features = this.backbone.getOutputShapes(inputShapes);
		this.classifier.initialize(manager, dataType, features);
		this.projector.initialize(manager, dataType, features);
	}

}
