package io.simmixmatch.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files that several processes may fill at once (caches on a machine's data directory):
 * each writes aside under a unique name and renames its file into place atomically, so a
 * reader never sees half a file and two writers never write the same one.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/**
	 * Writes a file aside and renames it over the target.
	 * @param target the file to replace
	 * @param writer writes the new content into the file it is given
	 * @throws IOException if it cannot be written or renamed; the file aside is removed
	 */
	public static void replace(Path target, Writer writer) throws IOException {
		Path directory = target.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		Path partial = Files.createTempFile(directory, target.getFileName() + ".", ".partial");
		try {
			writer.write(partial);
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	/** Writes a file's new content. */
	@FunctionalInterface
	public interface Writer {

		void write(Path file) throws IOException;

	}

}
