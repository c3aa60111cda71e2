package io.simmixmatch.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** CSV answers that a browser saves as a file. */
public final class CsvDownloads {

	/** The media type of a CSV answer, for {@code produces}. */
	public static final String TEXT_CSV = "text/csv";

	private CsvDownloads() {
	}

	/**
	 * A CSV document as a download.
	 * @param fileName the name to save it under
	 * @param csv the document
	 * @return the answer
	 */
	public static ResponseEntity<String> attachment(String fileName, String csv) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
			.contentType(MediaType.parseMediaType(TEXT_CSV))
			.body(csv);
	}

}
