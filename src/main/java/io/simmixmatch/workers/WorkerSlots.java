package io.simmixmatch.workers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The worker processes a BOTH instance launches, one device each: {@code auto} (one per
 * GPU the engine sees, else one on the CPU), {@code cpu}, {@code cpu:N} (N processes that
 * share the CPU's cores), or a list such as {@code gpu0,gpu1}. A GPU is never given to
 * two slots.
 */
final class WorkerSlots {

	private static final int MAX_CPU_SLOTS = 64;

	private WorkerSlots() {
	}

	/**
	 * Parses a slot specification.
	 * @param spec the specification
	 * @param gpuCount how many GPUs the engine sees
	 * @return the device of each slot
	 * @throws IllegalArgumentException if it is malformed, names a GPU that does not
	 * exist, or names one twice
	 */
	static List<String> parse(String spec, int gpuCount) {
		String normalized = spec.strip().toLowerCase(Locale.ROOT);
		if (normalized.equals("auto")) {
			return (gpuCount > 0) ? IntStream.range(0, gpuCount).mapToObj((id) -> "gpu" + id).toList() : List.of("cpu");
		}
		if (normalized.matches("cpu:\\d{1,3}")) {
			int count = Integer.parseInt(normalized.substring(4));
			if (count < 1 || count > MAX_CPU_SLOTS) {
				throw new IllegalArgumentException(
						"Worker slots '" + spec + "': between 1 and " + MAX_CPU_SLOTS + " CPU workers");
			}
			return Collections.nCopies(count, "cpu");
		}
		List<String> slots = new ArrayList<>();
		Set<String> gpus = new HashSet<>();
		for (String slot : normalized.split(",")) {
			String devices = slot.strip();
			if (!devices.equals("cpu")) {
				for (String device : devices.split("\\+")) {
					claimGpu(device.strip(), gpus, gpuCount, spec);
				}
				devices = devices.replace(" ", "");
			}
			slots.add(devices);
		}
		return List.copyOf(slots);
	}

	private static void claimGpu(String device, Set<String> claimed, int gpuCount, String spec) {
		if (!device.matches("gpu\\d{1,3}")) {
			throw new IllegalArgumentException(
					"Worker slots '" + spec + "': use auto, cpu, cpu:N or a list of cpu, gpuN and gpuN+gpuM");
		}
		if (Integer.parseInt(device.substring(3)) >= gpuCount) {
			throw new IllegalArgumentException("Worker slots '" + spec + "': " + device
					+ " does not exist, the engine sees " + gpuCount + " GPU(s)");
		}
		if (!claimed.add(device)) {
			throw new IllegalArgumentException("Worker slots '" + spec + "': " + device + " is given to two workers");
		}
	}

	/**
	 * The intra-op threads of each CPU worker: the cores shared evenly.
	 * @param slots the slots
	 * @param cores the machine's cores
	 * @return threads per CPU worker, at least 1
	 */
	static int cpuThreads(List<String> slots, int cores) {
		long cpuSlots = slots.stream().filter("cpu"::equals).count();
		return (int) Math.max(1, cores / Math.max(1, cpuSlots));
	}

}
