package io.simmixmatch.runs;

import java.util.OptionalLong;

/** What the pool's live workers can hold, as the database knows them. */
@FunctionalInterface
public interface WorkerCapacity {

	/**
	 * The memory a step may use on the largest live worker.
	 * @return its bytes, or empty when no live worker is known
	 */
	OptionalLong largestMemory();

}
