/**
 * The data sets runs train on: the built-in Fashion-MNIST and those users register.
 * {@link io.simmixmatch.datasets.DatasetCatalog} is what other modules may ask.
 */
package io.simmixmatch.datasets;
