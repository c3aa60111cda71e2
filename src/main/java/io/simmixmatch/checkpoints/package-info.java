/**
 * The checkpoints of runs: one row each, its bytes in the blob store, stored as workers
 * write them and read by resumes, downloads and the models that serve predictions.
 */
package io.simmixmatch.checkpoints;
