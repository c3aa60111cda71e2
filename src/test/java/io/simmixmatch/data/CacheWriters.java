package io.simmixmatch.data;

import java.nio.file.Path;

/**
 * A process that writes one image set cache again and again, as workers starting on a
 * fresh machine fill the same cache: {@code CacheWriters FILE TIMES}.
 */
public final class CacheWriters {

	private CacheWriters() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		ImageSet images = SyntheticImages.of(200, 1);
		for (int i = 0; i < Integer.parseInt(args[1]); i++) {
			ImageSetCache.write(images, file);
			ImageSetCache.read(file);
		}
	}

}
