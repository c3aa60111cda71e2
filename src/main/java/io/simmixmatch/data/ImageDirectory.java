package io.simmixmatch.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A data set's files in a directory on this machine, as the command line's
 * {@code folder:DIR} names them. Symbolic links are followed: the directory is the user's
 * own.
 *
 * @param root the directory that holds {@code labeled/} (or one folder that does)
 */
public record ImageDirectory(Path root) implements ImageSource {

	@Override
	public void forEachFile(FileVisitor visitor) throws IOException, InvalidDatasetException {
		if (!Files.isDirectory(this.root)) {
			throw InvalidDatasetException.invalid(this.root + " is not a directory");
		}
		List<Path> files;
		try (Stream<Path> walk = Files.walk(this.root)) {
			files = walk.filter(Files::isRegularFile).sorted().toList();
		}
		for (Path file : files) {
			try (InputStream in = Files.newInputStream(file)) {
				visitor.visit(this.root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"),
						in);
			}
		}
	}

}
