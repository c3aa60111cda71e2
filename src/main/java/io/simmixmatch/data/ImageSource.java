package io.simmixmatch.data;

import java.io.IOException;
import java.io.InputStream;

/**
 * The files of a data set in the image-folder layout, wherever they are: an uploaded
 * archive or a directory. Each pass over them reads them again, so nothing needs to be
 * held in memory between passes.
 */
public interface ImageSource {

	/**
	 * Visits every regular file once.
	 * @param visitor gets each file's path ({@code /}-separated, relative, never with
	 * {@code ..}) and its content, to be read before the next file
	 * @throws IOException if the files cannot be read
	 * @throws InvalidDatasetException if the source breaks a rule or a limit
	 */
	void forEachFile(FileVisitor visitor) throws IOException, InvalidDatasetException;

	/** What a pass does with each file. */
	@FunctionalInterface
	interface FileVisitor {

		void visit(String path, InputStream content) throws IOException, InvalidDatasetException;

	}

}
