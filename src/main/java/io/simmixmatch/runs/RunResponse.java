package io.simmixmatch.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.ClassResults;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.Preset;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A run as clients see it.
 *
 * @param id the run id
 * @param name a name for people
 * @param datasetId the data set it trains on
 * @param algorithm the algorithm
 * @param preset the preset its hyperparameters started from
 * @param priority its place among queued runs; higher starts first
 * @param hyperparameters the effective hyperparameters, less the split's where the data
 * set's layout makes the split
 * @param status where it is in its life
 * @param cancelRequested whether a client asked it to stop
 * @param progress how far it got
 * @param estimate how long it was expected to train when it was launched; null where no
 * run of its backbone, algorithm and image size had succeeded yet
 * @param best the best validation accuracy so far
 * @param test the test accuracy of the best checkpoint, once the run succeeded on a data
 * set with a test split
 * @param classes the best checkpoint's results class by class, once the run succeeded
 * @param error why it failed, or why its last attempt did
 * @param stoppedEarly why a rule stopped it early (a study's median rule), if one did
 * @param execution who trains it, and how often it was started
 * @param createdBy who launched it: an API key's name or a token's subject; null where
 * authentication is off
 * @param createdAt when it was launched
 * @param startedAt when a worker first started it
 * @param finishedAt when it ended
 */
public record RunResponse(long id, String name, String datasetId, Algorithm algorithm, Preset preset, int priority,
		@Schema(implementation = Hyperparameters.class) Map<String, Object> hyperparameters, RunStatus status,
		boolean cancelRequested, Progress progress, @Nullable Estimate estimate, Best best, @Nullable Test test,
		@Nullable Classes classes, @Nullable String error, @Nullable String stoppedEarly, Execution execution,
		@Nullable String createdBy, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt) {

	static RunResponse of(TrainingRun run) {
		return new RunResponse(run.getId(), run.getName(), run.getDatasetId(), run.getAlgorithm(), run.getPreset(),
				run.getPriority(), run.getHyperparameters().shown(run.isSplitByLayout()), run.getStatus(),
				run.isCancelRequested(), Progress.of(run), Estimate.of(run),
				new Best(run.getBestTop1(), run.getBestTop5(), run.getBestEpoch()), Test.of(run),
				Classes.of(run.getClassResults()), run.getError(), run.getStoppedEarly(),
				new Execution(run.getRequestedDevices(), run.getWorker(), run.getDevices(), run.getAttempts(),
						run.getResumedFromStep()),
				run.getCreatedBy(), run.getCreatedAt(), run.getStartedAt(), run.getFinishedAt());
	}

	/**
	 * How far a run got.
	 *
	 * @param epoch epochs completed
	 * @param totalEpochs epochs of the whole run
	 * @param step optimizer steps completed
	 * @param totalSteps optimizer steps of the whole run
	 * @param percent share of the steps completed, 0 to 100
	 * @param imagesPerSecond recent training throughput
	 * @param etaSeconds estimated seconds until the run ends, from the worker's recent
	 * pace, while it runs
	 */
	public record Progress(int epoch, int totalEpochs, long step, long totalSteps, double percent,
			@Nullable Double imagesPerSecond, @Nullable Long etaSeconds) {

		static Progress of(TrainingRun run) {
			double percent = 100.0 * run.getStep() / run.getTotalSteps();
			Long eta = (run.getStatus() == RunStatus.RUNNING) ? run.getEtaSeconds() : null;
			return new Progress(run.getEpoch(), run.getTotalEpochs(), run.getStep(), run.getTotalSteps(), percent,
					run.getImagesPerSecond(), eta);
		}

	}

	/**
	 * A run's training time as estimated at its launch: its steps at the pool's measured
	 * throughput, or its {@code maxMinutes} where that is shorter.
	 *
	 * @param minutes the estimated training time, evaluation and start-up left out
	 * @param imagesPerSecond the median throughput of the latest succeeded runs of its
	 * backbone, algorithm and image size
	 * @param measuredRuns how many such runs were measured, at most 5
	 */
	public record Estimate(double minutes, double imagesPerSecond, int measuredRuns) {

		static @Nullable Estimate of(TrainingRun run) {
			Double seconds = run.getEstimatedSeconds();
			Double imagesPerSecond = run.getEstimatedImagesPerSecond();
			Integer measuredRuns = run.getEstimatedFromRuns();
			return (seconds != null && imagesPerSecond != null && measuredRuns != null)
					? new Estimate(seconds / 60, imagesPerSecond, measuredRuns) : null;
		}

	}

	/**
	 * Who trains a run.
	 *
	 * @param requestedDevices how many of its worker's devices it may train on
	 * @param worker the worker process that trains it, or trained it last
	 * @param devices the devices it trains on, or trained on last
	 * @param attempts how many times a worker started it; more than one after a
	 * hand-back, a retry or a resume from a dead worker
	 * @param resumedFromStep the step of the checkpoint the last attempt resumed from, if
	 * it resumed
	 */
	public record Execution(int requestedDevices, @Nullable String worker, @Nullable String devices, int attempts,
			@Nullable Long resumedFromStep) {
	}

	/**
	 * The best validation accuracy of the EMA model so far: highest top-1, ties broken by
	 * top-5.
	 *
	 * @param top1 validation top-1 accuracy, 0 to 1
	 * @param top5 validation top-5 accuracy, 0 to 1
	 * @param epoch the epoch that reached it
	 */
	public record Best(@Nullable Double top1, @Nullable Double top5, @Nullable Integer epoch) {
	}

	/**
	 * The accuracy of the best checkpoint on the held-out test split.
	 *
	 * @param top1 test top-1 accuracy, 0 to 1
	 * @param top5 test top-5 accuracy, 0 to 1
	 */
	public record Test(double top1, double top5) {

		static @Nullable Test of(TrainingRun run) {
			Double top1 = run.getTestTop1();
			Double top5 = run.getTestTop5();
			return (top1 != null && top5 != null) ? new Test(top1, top5) : null;
		}

	}

	/**
	 * A checkpoint's first guesses class by class.
	 *
	 * @param split {@code test}, or {@code validation} where the data set has no test
	 * split
	 * @param balancedAccuracy the mean of the classes' accuracies, 0 to 1
	 * @param classes each class's images and accuracy, in label order
	 * @param confusion {@code confusion[truth][guess]}: the images of class {@code truth}
	 * whose first guess was {@code guess}
	 */
	public record Classes(String split, @Nullable Double balancedAccuracy, List<ClassAccuracy> classes,
			long[][] confusion) {

		static @Nullable Classes of(@Nullable ClassResults results) {
			if (results == null) {
				return null;
			}
			List<ClassAccuracy> classes = IntStream.range(0, results.classNames().size())
				.mapToObj((label) -> new ClassAccuracy(results.classNames().get(label), results.images(label),
						results.accuracy(label)))
				.toList();
			return new Classes(results.split(), results.balancedAccuracy(), classes, results.confusion());
		}

	}

	/**
	 * One class's results.
	 *
	 * @param name the class
	 * @param images its images in the split
	 * @param accuracy the share of them whose first guess is the class, 0 to 1; null
	 * without images
	 */
	public record ClassAccuracy(String name, long images, @Nullable Double accuracy) {
	}

}
