package io.simmixmatch.training;

/** Backbones, each with a classifier head and a projection head. */
public enum ModelArchitecture {

	/** A small CNN that trains on a 2-core CPU in minutes. */
	SMALL_CNN,

	/** WideResNet-28-2, the standard backbone of semi-supervised benchmarks. */
	WRN_28_2,

	/** ResNet-18, the backbone of the original implementation. */
	RESNET_18

}
