package io.simmixmatch.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.simmixmatch.data.DatasetImport;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an upload, beside its archive.
 *
 * @param name the data set's name; its id is derived from it
 * @param channels 1 or 3, or null for what the images are
 * @param imageSize the side images are resized to, or null for the default of the
 * channels
 * @param validationPerClass labeled images per class held out for validation where the
 * archive has no {@code val/}, or null for the default share
 * @param testPerClass labeled images per class held out for testing where the archive has
 * no {@code test/}, or null for none
 */
record UploadRequest(String name, @Nullable Integer channels, @Nullable Integer imageSize,
		@Nullable Integer validationPerClass, @Nullable Integer testPerClass) {

	private static final Set<String> FIELDS = Set.of("name", "channels", "imageSize", "validationPerClass",
			"testPerClass");

	private static final int MAX_NAME_LENGTH = 200;

	private static final int MAX_ID_LENGTH = 63;

	/**
	 * Reads and checks the form fields.
	 * @param fields the form's fields
	 * @param maxImageSize the largest side allowed
	 * @return the request
	 * @throws org.springframework.web.ErrorResponseException 400 naming every bad field
	 */
	static UploadRequest of(Map<String, String> fields, int maxImageSize) {
		List<FieldError> errors = new ArrayList<>();
		fields.keySet()
			.stream()
			.filter((field) -> !FIELDS.contains(field))
			.sorted()
			.forEach((field) -> errors.add(new FieldError(field, "unknown field")));
		String name = fields.getOrDefault("name", "").strip();
		if (name.isEmpty()) {
			errors.add(new FieldError("name", "must not be blank"));
		}
		else if (name.length() > MAX_NAME_LENGTH) {
			errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
		}
		else if (idOf(name).isEmpty()) {
			errors.add(new FieldError("name", "must contain a letter or a digit"));
		}
		Integer channels = integer(fields, "channels", Integer.MIN_VALUE, Integer.MAX_VALUE, errors);
		if (channels != null && channels != 1 && channels != 3) {
			errors.add(new FieldError("channels", "must be 1 or 3"));
		}
		Integer imageSize = integer(fields, "imageSize", 8, maxImageSize, errors);
		Integer validation = integer(fields, "validationPerClass", 0, 10_000, errors);
		Integer test = integer(fields, "testPerClass", 0, 10_000, errors);
		if (!errors.isEmpty()) {
			throw ApiProblems.invalidFields(errors);
		}
		return new UploadRequest(name, channels, imageSize, validation, test);
	}

	/**
	 * The id runs refer to: the name in lowercase, with dashes for anything but a-z and
	 * 0-9; {@code dataset-} and a hash of the name where that leaves nothing.
	 * @return the id
	 */
	String id() {
		return idOf(this.name);
	}

	DatasetImport.Options options(DatasetProperties properties) {
		return new DatasetImport.Options(this.channels, this.imageSize, this.validationPerClass, this.testPerClass,
				properties.maxPixels(), properties.maxClasses());
	}

	// A name in a script without a-z, such as 日本語, gets an id from its hash (the
	// language's String hash, the same in every JVM), so the same name is the same id.
	private static String idOf(String name) {
		String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (id.isEmpty() && name.codePoints().anyMatch(Character::isLetterOrDigit)) {
			return "dataset-%08x".formatted(name.hashCode());
		}
		return (id.length() > MAX_ID_LENGTH) ? id.substring(0, MAX_ID_LENGTH).replaceAll("-+$", "") : id;
	}

	private static @Nullable Integer integer(Map<String, String> fields, String field, int min, int max,
			List<FieldError> errors) {
		String value = fields.get(field);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number < min || number > max) {
				errors.add(new FieldError(field, "must be between " + min + " and " + max));
			}
			return number;
		}
		catch (NumberFormatException ex) {
			errors.add(new FieldError(field, "must be an integer"));
			return null;
		}
	}

}
