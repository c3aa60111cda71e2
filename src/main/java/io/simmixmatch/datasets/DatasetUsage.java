package io.simmixmatch.datasets;

/**
 * Whether runs still need a data set's images; the module that owns runs answers.
 */
public interface DatasetUsage {

	/**
	 * Whether a queued or running run trains on a data set.
	 * @param datasetId the data set
	 * @return {@code true} if one does
	 */
	boolean hasActiveRuns(String datasetId);

}
