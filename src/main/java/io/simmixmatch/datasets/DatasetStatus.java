package io.simmixmatch.datasets;

/** Where a data set is in its life. */
public enum DatasetStatus {

	/** Its archive is being decoded; runs cannot use it yet. */
	IMPORTING,

	/** Runs may train on it. */
	READY,

	/** Its import failed; the error says why. */
	FAILED,

	/** Deleted: its images are gone, its row stays for the runs that trained on it. */
	DELETED

}
