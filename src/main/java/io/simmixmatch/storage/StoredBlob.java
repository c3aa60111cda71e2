package io.simmixmatch.storage;

/**
 * A file in the blob store, as its owner records it.
 *
 * @param key where it is
 * @param sizeBytes its size
 * @param sha256 the SHA-256 of its bytes, checked on every read
 */
public record StoredBlob(String key, long sizeBytes, String sha256) {

}
