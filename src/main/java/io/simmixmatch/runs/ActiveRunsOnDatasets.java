package io.simmixmatch.runs;

import java.util.EnumSet;

import io.simmixmatch.datasets.DatasetUsage;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the data sets module which data sets queued and running runs train on. */
@Component
class ActiveRunsOnDatasets implements DatasetUsage {

	private final TrainingRunRepository runs;

	ActiveRunsOnDatasets(TrainingRunRepository runs) {
		this.runs = runs;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean hasActiveRuns(String datasetId) {
		return this.runs.existsByDatasetIdAndStatusIn(datasetId, EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING));
	}

}
