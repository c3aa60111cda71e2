/**
 * Files too large for a row, behind one gateway: {@link io.simmixmatch.storage.BlobStore}
 * writes them under a key with their SHA-256 and checks it on every read. The bytes live
 * in PostgreSQL by default, so a single machine needs nothing else.
 */
package io.simmixmatch.storage;
