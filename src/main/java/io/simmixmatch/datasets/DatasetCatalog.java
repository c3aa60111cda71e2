package io.simmixmatch.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import io.simmixmatch.data.LoadedDataset;
import io.simmixmatch.data.SplitPlan;

/** What other modules may ask about data sets. */
public interface DatasetCatalog {

	/** The id of the built-in Fashion-MNIST data set, the default of a run. */
	String BUILT_IN = "fashion-mnist";

	/**
	 * A registered data set.
	 * @param id a data set id
	 * @return what a launch needs to know of it, or empty if there is no such data set
	 */
	Optional<DatasetInfo> find(String id);

	/**
	 * A registered data set, held until the caller's transaction ends: a delete waits for
	 * the hold, so a run queued under it trains on a data set that is still there, and a
	 * delete that went first is seen.
	 * @param id a data set id
	 * @return what a launch needs to know of it, or empty if there is no such data set
	 */
	Optional<DatasetInfo> findForLaunch(String id);

	/**
	 * Loads a data set's images and splits them: an uploaded data set by its layout,
	 * copied from the blob store into a local cache once per machine, any other by the
	 * plan.
	 * @param id a READY data set
	 * @param dataDir this machine's data directory
	 * @param plan the split of a data set that has no layout of its own
	 * @return the images and their split
	 * @throws IOException if they cannot be read, or the data set is not READY
	 */
	LoadedDataset load(String id, Path dataDir, SplitPlan plan) throws IOException;

}
