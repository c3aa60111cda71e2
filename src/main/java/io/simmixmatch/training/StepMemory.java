package io.simmixmatch.training;

/**
 * An estimate of the memory one training step takes on its device: a base (the JVM,
 * libtorch, the data set) and, for every image the step forwards, the activations that
 * autograd keeps for the backward pass, which grow with the image's pixels. The cost per
 * pixel is measured per backbone on this build (docs/benchmarks.md, "Step memory": the
 * peak resident memory of MIXMATCH steps at batch 16 and 256); the estimate counts every
 * image of a step at that cost, guessing passes included, so it errs on the large side.
 */
public final class StepMemory {

	/** The process without the step: JVM, libtorch, the images of a data set. */
	static final long BASE_BYTES = 1L << 30;

	private StepMemory() {
	}

	/**
	 * Estimates a step's memory.
	 * @param hp the run's hyperparameters
	 * @param algorithm its algorithm
	 * @param height its images' height
	 * @param width their width
	 * @return bytes, base included
	 */
	public static long bytes(Hyperparameters hp, Algorithm algorithm, int height, int width) {
		return BASE_BYTES + hp.imagesHeldPerStep(algorithm) * height * width * bytesPerPixel(hp.model());
	}

	// Per image pixel of a MIXMATCH step's images, on the CPU: the growth of the peak
	// resident memory between two batch sizes over the images added, the larger of two
	// series (bench/step-memory.sh; docs/benchmarks.md).
	private static long bytesPerPixel(ModelArchitecture model) {
		return switch (model) {
			case SMALL_CNN -> 1_810;
			case CNN_6 -> 3_390;
			case CNN_6_STEM -> 400;
			case WRN_28_2 -> 12_130;
			case RESNET_18 -> 9_420;
		};
	}

}
