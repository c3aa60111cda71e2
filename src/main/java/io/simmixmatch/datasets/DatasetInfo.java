package io.simmixmatch.datasets;

/**
 * What launching a run needs to know of a data set.
 *
 * @param id its id
 * @param status whether runs may use it (READY)
 * @param splitByLayout whether its split is its archive's layout, so that the split
 * hyperparameters do not apply
 */
public record DatasetInfo(String id, DatasetStatus status, boolean splitByLayout) {

}
