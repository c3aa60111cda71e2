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

	/** WideResNet-28-2, the standard backbone of semi-supervised benchmarks. */
	WRN_28_2,

	/** ResNet-18, the backbone of the original implementation. */
	RESNET_18

}
