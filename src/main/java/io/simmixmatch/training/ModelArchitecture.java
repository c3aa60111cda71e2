package io.simmixmatch.training;

/** Backbones, each with a classifier head and a projection head. */
public enum ModelArchitecture {

	/** A small CNN that trains on a 2-core CPU in minutes. */
	SMALL_CNN,

	/**
	 * The small CNN with two convolutions per stage: a 32 px receptive field instead of
	 * 18, 287k convolution weights instead of 92k.
	 */
	CNN_6,

	/**
	 * {@code CNN_6} behind a stem that quarters each side (a 3x3 convolution of stride 2,
	 * then a 2x2 max pool), for photos of 64 px and more: at 96 px its stages see 24 x 24
	 * maps, fewer pixels than {@code CNN_6} sees at 32 px.
	 */
	CNN_6_STEM,

	/** WideResNet-28-2, the standard backbone of semi-supervised benchmarks. */
	WRN_28_2,

	/** ResNet-18, the backbone of the original implementation. */
	RESNET_18;

	/**
	 * The backbone's layers, as training builds them.
	 * @param batchNormMomentum the weight of a training batch's statistics in BatchNorm's
	 * running ones
	 * @return images in, a feature vector out
	 */
	public Layer layers(float batchNormMomentum) {
		return Backbones.of(this, batchNormMomentum);
	}

}
