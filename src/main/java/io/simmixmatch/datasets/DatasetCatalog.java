package io.simmixmatch.datasets;

/** What other modules may ask about data sets. */
public interface DatasetCatalog {

	/** The id of the built-in Fashion-MNIST data set, the default of a run. */
	String BUILT_IN = "fashion-mnist";

	/**
	 * Whether a data set with this id is registered.
	 * @param id a data set id
	 * @return {@code true} if a run may train on it
	 */
	boolean exists(String id);

}
