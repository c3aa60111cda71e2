package io.simmixmatch.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.simmixmatch.runs.TrainingTimes.TrainingTime;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.web.FieldError;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What one run may ask of a worker ({@code simmixmatch.limits.*}): each hyperparameter
 * has its own bounds, but together they could still ask for absurd memory or time.
 *
 * @param maxImagesPerStep images one step may hold in memory: the labeled batch plus its
 * unlabeled images in K views (the {@code seed} preset takes 1,536)
 * @param maxSteps optimizer steps of a whole run
 * @param maxActiveRunsPerCaller runs one caller (an API key or a token's subject) may
 * have queued or running at once
 * @param maxTrainingTime how long a run may be estimated to train, from the throughput
 * measured on the pool ({@link TrainingTimes}); a run without an estimate is not refused
 */
@ConfigurationProperties("simmixmatch.limits")
@Validated
record RunLimits(@DefaultValue("16384") @Min(1) long maxImagesPerStep, @DefaultValue("10000000") @Min(1) long maxSteps,
		@DefaultValue("20") @Min(1) int maxActiveRunsPerCaller, @DefaultValue("24h") Duration maxTrainingTime) {

	List<FieldError> check(Hyperparameters hp, Algorithm algorithm, Optional<TrainingTime> time) {
		List<FieldError> errors = new ArrayList<>();
		long images = hp.imagesHeldPerStep(algorithm);
		if (images > this.maxImagesPerStep) {
			errors.add(new FieldError("hyperparameters", "a step would hold " + images + " images ("
					+ hp.imagesHeldPerStepTerms(algorithm) + "); at most " + this.maxImagesPerStep));
		}
		if (hp.totalSteps() > this.maxSteps) {
			errors.add(new FieldError("hyperparameters", "the run would take " + hp.totalSteps()
					+ " steps (epochs x stepsPerEpoch); at most " + this.maxSteps));
		}
		time.filter((estimate) -> estimate.seconds() > this.maxTrainingTime.toSeconds())
			.ifPresent((estimate) -> errors.add(new FieldError("hyperparameters", tooLong(hp, algorithm, estimate))));
		return errors;
	}

	private String tooLong(Hyperparameters hp, Algorithm algorithm, TrainingTime estimate) {
		double hours = estimate.seconds() / 3600;
		double most = this.maxTrainingTime.toSeconds() / 3600.0;
		if (hp.maxMinutes() > 0 && hp.maxMinutes() * 60 <= estimate.seconds()) {
			return String.format(Locale.ROOT, "maxMinutes allows %.1f hours of training; at most %.1f hours", hours,
					most);
		}
		return String.format(Locale.ROOT,
				"the run would train about %.1f hours (%d steps of %d images at the %.0f images/s that runs like it measured); at most %.1f hours: lower epochs or stepsPerEpoch, or set maxMinutes",
				hours, hp.totalSteps(), hp.imagesTrainedPerStep(algorithm), estimate.imagesPerSecond(), most);
	}

}
