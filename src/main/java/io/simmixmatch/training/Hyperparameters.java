package io.simmixmatch.training;

import java.util.List;
import java.util.Map;

import io.simmixmatch.data.SplitPlan;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything that shapes a training run. The names are the camelCase forms of the
 * command-line options of the {@code train} command and of the overrides a client sends
 * to the runs API; the bounds keep a run within what a worker can hold.
 *
 * @param model backbone architecture
 * @param epochs number of epochs
 * @param stepsPerEpoch optimizer steps per epoch
 * @param batchSize labeled images per step
 * @param unlabeledRatio unlabeled images per labeled image in a step (mu)
 * @param labelsPerClass labeled training images per class in the split
 * @param validationPerClass validation images per class in the split
 * @param optimizer optimizer
 * @param learningRate base learning rate
 * @param learningRateSchedule learning-rate schedule
 * @param warmupEpochs epochs over which the learning rate rises linearly from 0 to its
 * base before the schedule starts; 0 for none
 * @param weightDecay weight decay: the L2 coefficient for ADAM; for ADAMW, kernels shrink
 * by {@code 1 - learningRate * weightDecay} per step
 * @param colorJitter strength of the brightness and contrast (and, for RGB, saturation)
 * jitter of training views; 0 for none
 * @param labelSmoothing the share of each labeled image's target spread evenly over all
 * classes: a target is {@code (1 - labelSmoothing) * one-hot + labelSmoothing / C}
 * @param k augmented views per unlabeled image
 * @param temperature sharpening temperature T of the guessed labels
 * @param alpha MixUp Beta(alpha, alpha) parameter
 * @param lambdaU weight of the consistency loss at the end of its ramp-up
 * @param rampupEpochs epochs over which the consistency weight ramps up linearly
 * @param lambdaSim weight of the contrastive loss
 * @param contrastiveTemperature temperature tau of the contrastive loss
 * @param strongContrastiveViews whether the contrastive loss sees K views of its own,
 * strongly augmented (random-resized crop, flip, jitter), instead of the K views that
 * guess the labels
 * @param threshold the confidence a weak view's prediction needs to become the
 * pseudo-label of its strong view (FixMatch's tau; FlexMatch's highest threshold; unread
 * by FreeMatch's and SoftMatch's weightings)
 * @param lambdaPseudo weight of FixMatch's pseudo-label loss
 * @param weighting how FixMatch weighs each weak view's pseudo-label: by a fixed
 * {@code threshold}, FlexMatch's or FreeMatch's class-wise thresholds, or SoftMatch's
 * weights
 * @param distributionAlignment whether FixMatch's pseudo-labels and their weights come
 * from the weak views' probabilities aligned to a uniform class distribution
 * (ReMixMatch's distribution alignment), so that classes the model over-predicts lose
 * pseudo-labels to the classes it neglects
 * @param emaDecay decay of the exponential moving average of the weights
 * @param batchNormMomentum the weight of a training batch's statistics in BatchNorm's
 * running statistics, which evaluation and serving normalize with (PyTorch's momentum)
 * @param checkpointEvery epochs between periodic checkpoints
 * @param maxMinutes how long the run may train, 0 for as long as its steps take: it ends
 * when its time is up or its steps are done, whichever comes first, and its schedule
 * (learning-rate decay, consistency ramp-up) follows whichever is further along
 * @param seed seed of the split, the initialization, augmentation and MixUp
 */
public record Hyperparameters(
// @formatter:off
		@NotNull ModelArchitecture model,
		@Min(1) @Max(10_000) int epochs,
		@Min(1) @Max(100_000) int stepsPerEpoch,
		@Min(1) @Max(4_096) int batchSize,
		@Min(1) @Max(16) int unlabeledRatio,
		@Min(1) @Max(10_000) int labelsPerClass,
		@Min(0) @Max(10_000) int validationPerClass,
		@NotNull OptimizerType optimizer,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double learningRate,
		@NotNull LearningRateSchedule learningRateSchedule,
		@Min(0) @Max(10_000) int warmupEpochs,
		@DecimalMin("0") @DecimalMax("1") double weightDecay,
		@DecimalMin("0") @DecimalMax("0.5") double colorJitter,
		@DecimalMin("0") @DecimalMax("0.5") double labelSmoothing,
		@Min(1) @Max(8) int k,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax("10") double temperature,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax("100") double alpha,
		@DecimalMin("0") @DecimalMax("1000") double lambdaU,
		@Min(0) @Max(10_000) int rampupEpochs,
		@DecimalMin("0") @DecimalMax("100") double lambdaSim,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax("10") double contrastiveTemperature,
		boolean strongContrastiveViews,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double threshold,
		@DecimalMin("0") @DecimalMax("100") double lambdaPseudo,
		@NotNull Weighting weighting,
		boolean distributionAlignment,
		@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) double emaDecay,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double batchNormMomentum,
		@Min(1) @Max(10_000) int checkpointEvery,
		@DecimalMin("0") @DecimalMax("10080") double maxMinutes,
		long seed) {
// @formatter:on

	/**
	 * The hyperparameters that make a data set's split, which a split by layout ignores.
	 */
	public static final List<String> SPLIT = List.of("labelsPerClass", "validationPerClass");

	/**
	 * The hyperparameters as a client reads them: each by its name, without the split's
	 * where a data set's layout is its split, since they did not shape it.
	 * @param splitByLayout whether the run's data set is split by its layout
	 * @return values by hyperparameter name
	 */
	public Map<String, Object> shown(boolean splitByLayout) {
		Map<String, Object> shown = JsonMapper.shared().convertValue(this, new TypeReference<>() {
		});
		if (splitByLayout) {
			shown.keySet().removeAll(SPLIT);
		}
		return shown;
	}

	/**
	 * The number of optimizer steps of the whole run.
	 * @return {@code epochs * stepsPerEpoch}
	 */
	public long totalSteps() {
		return (long) this.epochs * this.stepsPerEpoch;
	}

	/**
	 * The split these hyperparameters ask of a data set, as the command line and the
	 * workers both make it.
	 * @param testPerClass test images to hold out per class, where the data set has no
	 * test split of its own
	 * @return the split's plan, seeded by the run's seed
	 */
	public SplitPlan splitPlan(int testPerClass) {
		return new SplitPlan(this.labelsPerClass, this.validationPerClass, testPerClass, this.seed);
	}

	/**
	 * The images one step trains on.
	 * @param algorithm the run's algorithm
	 * @return labeled plus unlabeled images, one view each: what a run's images per
	 * second count
	 */
	public long imagesTrainedPerStep(Algorithm algorithm) {
		boolean unlabeled = algorithm.consistency() != Algorithm.Consistency.NONE;
		return (long) this.batchSize * (unlabeled ? 1 + this.unlabeledRatio : 1);
	}

	/**
	 * The images one step holds in memory: the labeled batch and the views of its
	 * unlabeled images.
	 * @param algorithm the run's algorithm
	 * @return {@code batchSize x (1 + unlabeledRatio x views)}
	 */
	public long imagesHeldPerStep(Algorithm algorithm) {
		return (long) this.batchSize * (1 + (long) this.unlabeledRatio * unlabeledViews(algorithm));
	}

	/**
	 * How {@link #imagesHeldPerStep} counts, for messages.
	 * @param algorithm the run's algorithm
	 * @return such as {@code batchSize x (1 + unlabeledRatio x 2 views)}
	 */
	public String imagesHeldPerStepTerms(Algorithm algorithm) {
		return "batchSize x (1 + unlabeledRatio x " + unlabeledViews(algorithm) + " views)";
	}

	// K views for MixMatch, twice K where SimMixMatch's contrastive loss has strong views
	// of its own; a weak and a strong view for FixMatch.
	private int unlabeledViews(Algorithm algorithm) {
		return switch (algorithm.consistency()) {
			case NONE -> 0;
			case MIXMATCH -> contrastiveHasStrongViews(algorithm) ? 2 * this.k : this.k;
			case FIXMATCH -> 2;
		};
	}

	/**
	 * Whether the contrastive loss sees K strong views of its own, which only SimMixMatch
	 * reads.
	 * @param algorithm the run's algorithm
	 * @return whether a step makes the strong views
	 */
	boolean contrastiveHasStrongViews(Algorithm algorithm) {
		return algorithm == Algorithm.SIMMIXMATCH && this.strongContrastiveViews;
	}

}
