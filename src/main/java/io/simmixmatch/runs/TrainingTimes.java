package io.simmixmatch.runs;

import java.util.List;
import java.util.Optional;

import io.simmixmatch.datasets.DatasetInfo;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Hyperparameters;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How long a run will train, from the throughput that the latest succeeded runs of its
 * backbone, algorithm, image size and number of devices measured on this pool's workers.
 * A run is queued, not placed, so the estimate is the pool's, not one worker's.
 */
@Component
class TrainingTimes {

	// Recent runs say what the pool does now; older ones may have trained on other
	// workers.
	static final int MEASURED_RUNS = 5;

	private final JdbcTemplate jdbc;

	TrainingTimes(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Estimates a run's training time.
	 * @param hp its hyperparameters
	 * @param algorithm its algorithm
	 * @param dataset its data set
	 * @param devices the devices it asks for: a run's images per second are all of its
	 * devices' together
	 * @return the estimate, or empty where no such run has succeeded yet
	 */
	Optional<TrainingTime> estimate(Hyperparameters hp, Algorithm algorithm, DatasetInfo dataset, int devices) {
		List<Double> measured = this.jdbc.queryForList("""
				select r.images_per_second from training_run r join dataset d on d.id = r.dataset_id
				where r.status = 'SUCCEEDED' and r.images_per_second > 0 and r.algorithm = ?
				  and r.hyperparameters ->> 'model' = ? and d.image_height = ? and d.image_width = ?
				  and r.requested_devices = ?
				order by r.finished_at desc limit ?""", Double.class, algorithm.name(), hp.model().name(),
				dataset.imageHeight(), dataset.imageWidth(), devices, MEASURED_RUNS);
		if (measured.isEmpty()) {
			return Optional.empty();
		}
		double imagesPerSecond = median(measured);
		double seconds = hp.totalSteps() * hp.imagesTrainedPerStep(algorithm) / imagesPerSecond;
		if (hp.maxMinutes() > 0) {
			seconds = Math.min(seconds, hp.maxMinutes() * 60);
		}
		return Optional.of(new TrainingTime(seconds, imagesPerSecond, measured.size()));
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * A run's estimated training time.
	 *
	 * @param seconds its steps at the measured throughput, or its {@code maxMinutes}
	 * where that is shorter
	 * @param imagesPerSecond the median throughput of the runs measured
	 * @param measuredRuns how many runs were measured, at most {@value #MEASURED_RUNS}
	 */
	record TrainingTime(double seconds, double imagesPerSecond, int measuredRuns) {

	}

}
