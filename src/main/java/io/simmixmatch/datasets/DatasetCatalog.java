package io.simmixmatch.datasets;

import java.util.Optional;

import io.simmixmatch.data.DatasetSource;

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

	/**
	 * Where a registered data set's images are.
	 * @param id a data set id
	 * @return its source, or empty if no such data set is registered
	 */
	Optional<DatasetSource> source(String id);

}
