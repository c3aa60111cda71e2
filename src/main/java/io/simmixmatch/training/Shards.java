package io.simmixmatch.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How a step's batch is divided among devices for data-parallel training. */
final class Shards {

	private Shards() {
	}

	/**
	 * Splits indices into contiguous parts whose sizes differ by at most one, the larger
	 * first.
	 * @param indices the batch's image indices
	 * @param parts how many devices
	 * @return one array per device
	 * @throws IllegalArgumentException if a part would be empty while others are not
	 */
	static List<long[]> split(long[] indices, int parts) {
		if (indices.length > 0 && indices.length < parts) {
			throw new IllegalArgumentException(
					"A batch of " + indices.length + " images cannot feed " + parts + " devices");
		}
		List<long[]> split = new ArrayList<>(parts);
		int from = 0;
		for (int part = 0; part < parts; part++) {
			int size = indices.length / parts + ((part < indices.length % parts) ? 1 : 0);
			split.add(Arrays.copyOfRange(indices, from, from + size));
			from += size;
		}
		return split;
	}

}
