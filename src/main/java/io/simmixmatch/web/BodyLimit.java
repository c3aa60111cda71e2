package io.simmixmatch.web;

import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * A larger request body limit than {@code simmixmatch.limits.max-request-size} for the
 * paths of a module that takes large bodies, such as images. Declare one as a bean.
 *
 * @param pathPrefixes the paths it covers
 * @param maxSize bytes per request body on them
 */
public record BodyLimit(List<String> pathPrefixes, DataSize maxSize) {

	boolean covers(String path) {
		return this.pathPrefixes.stream().anyMatch(path::startsWith);
	}

}
