package io.simmixmatch.workers;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognizes a training step that ran out of memory: PyTorch's allocators say so in their
 * messages ({@code DefaultCPUAllocator: can't allocate memory},
 * {@code not enough memory}, {@code CUDA out of memory}), the JVM with an
 * {@link OutOfMemoryError}. Retrying the same run on the same kind of device cannot help.
 */
final class OutOfMemory {

	private static final List<String> SIGNS = List.of("out of memory", "not enough memory", "can't allocate memory",
			"cannot allocate memory");

	private OutOfMemory() {
	}

	/**
	 * The out-of-memory error in a failure's causes.
	 * @param failure what a training attempt threw
	 * @return the allocator's message, or empty if memory was not the problem
	 */
	static Optional<String> in(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String message = String.valueOf(cause.getMessage());
			String lower = message.toLowerCase(Locale.ROOT);
			if (cause instanceof OutOfMemoryError || SIGNS.stream().anyMatch(lower::contains)) {
				return Optional.of(message.lines().findFirst().orElse(message));
			}
		}
		return Optional.empty();
	}

}
