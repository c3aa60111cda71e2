package io.simmixmatch.data;

/**
 * What an uploaded archive may unpack to, checked while it is read (never trusting the
 * sizes its headers declare), so that a zip bomb stops at the limit.
 *
 * @param maxEntries files and folders
 * @param maxEntryBytes bytes of one file, unpacked
 * @param maxTotalBytes bytes of all files, unpacked
 * @param maxRatio unpacked bytes per byte of the archive
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio) {

}
