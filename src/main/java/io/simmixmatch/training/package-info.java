/**
 * The SimMixMatch training core in plain DJL: algorithms, presets and hyperparameters.
 * Nothing here knows about Spring, HTTP or the database.
 */
package io.simmixmatch.training;
