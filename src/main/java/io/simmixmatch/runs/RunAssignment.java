package io.simmixmatch.runs;

import java.util.List;

import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Hyperparameters;

/**
 * What a worker needs to train a run.
 *
 * @param runId the run
 * @param datasetId the data set
 * @param algorithm the algorithm
 * @param hyperparameters the effective hyperparameters
 * @param attempt which start this is, from 1
 * @param devices the worker's devices to train on, by name
 */
public record RunAssignment(long runId, String datasetId, Algorithm algorithm, Hyperparameters hyperparameters,
		int attempt, List<String> devices) {

}
