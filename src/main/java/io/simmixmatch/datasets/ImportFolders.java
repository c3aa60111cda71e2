package io.simmixmatch.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The folders that uploads and imports work in, one each under the data directory's
 * {@code imports/}; a folder that cannot be removed is logged, never a request's or an
 * import's failure.
 */
@Component
class ImportFolders {

	private static final Logger log = LoggerFactory.getLogger(ImportFolders.class);

	private final Path imports;

	ImportFolders(@Value("${simmixmatch.data-dir}") Path dataDirectory) {
		this.imports = dataDirectory.resolve("imports");
	}

	Path create(String datasetId) throws IOException {
		Files.createDirectories(this.imports);
		return Files.createTempDirectory(this.imports, datasetId + "-");
	}

	void remove(Path folder) {
		try {
			FileSystemUtils.deleteRecursively(folder);
		}
		catch (IOException ex) {
			log.warn("Could not remove {}", folder, ex);
		}
	}

}
