package io.simmixmatch.data;

/**
 * A data set that cannot be imported as it is: what is wrong is the message, written for
 * the person who made the archive.
 */
public final class InvalidDatasetException extends Exception {

	private final boolean tooLarge;

	private InvalidDatasetException(String message, boolean tooLarge) {
		super(message);
		this.tooLarge = tooLarge;
	}

	static InvalidDatasetException invalid(String message) {
		return new InvalidDatasetException(message, false);
	}

	static InvalidDatasetException tooLarge(String message) {
		return new InvalidDatasetException(message, true);
	}

	/**
	 * Whether a limit on size or count was exceeded, rather than the content being wrong.
	 * @return {@code true} for a limit
	 */
	public boolean isTooLarge() {
		return this.tooLarge;
	}

}
