package io.simmixmatch.training;

import java.util.List;
import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps libtorch's freed memory in the process for the next step. Every training step
 * allocates and frees the same tens of megabytes of activations, and it does so from a
 * Java thread, that is from one of glibc's secondary arenas, whose 64 MiB heaps glibc
 * unmaps or trims as soon as they empty. The next step then faults every page in again,
 * zeroed by the kernel: on a 2-core machine that was about 40% of a SimMixMatch step,
 * spent in the kernel (docs/benchmarks.md). Fixed thresholds (instead of glibc's adaptive
 * ones, which stop at 32 MiB) make freed blocks stay for reuse, up to a bounded amount
 * per arena. Results do not change: only where memory comes from does.
 * <p>
 * Two settings only a process's start can make: one arena, and no block mapped on its
 * own. A thread's arena holds blocks of at most 64 MiB, so larger ones are mapped and
 * unmapped on every use whatever the thresholds; the one (main) arena grows to any size.
 * At 96 px the first layers of FixMatch's 240 images write blocks of 71 MB, and they made
 * a step 1.4 times as long (docs/benchmarks.md). Processes that train get them from the
 * process that starts them ({@link #configure}); a process started without them sets what
 * it still can ({@link #retainFreedMemory}).
 */
public final class NativeAllocator {

	private static final Logger log = LoggerFactory.getLogger(NativeAllocator.class);

	/** Set to {@code glibc} to leave the allocator as glibc configures itself. */
	public static final String PROPERTY = "simmixmatch.native-allocator";

	// mallopt(3) parameters
	private static final int M_TRIM_THRESHOLD = -1;

	private static final int M_TOP_PAD = -2;

	private static final int M_MMAP_THRESHOLD = -3;

	private static final int MIB = 1 << 20;

	/** Free memory an arena keeps at its top before it gives any back. */
	private static final int TRIM_THRESHOLD = 256 * MIB;

	/** Extra memory an arena takes whenever it grows, so growing is rare. */
	private static final int TOP_PAD = 64 * MIB;

	/** Blocks from this size up are mapped on their own: the largest glibc accepts. */
	private static final int MMAP_THRESHOLD = 32 * MIB;

	/**
	 * This allocator as glibc reads it when a process starts: the thresholds, one arena,
	 * and no block mapped on its own.
	 */
	public static final String TUNABLES = "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0"
			+ ":glibc.malloc.trim_threshold=" + TRIM_THRESHOLD + ":glibc.malloc.top_pad=" + TOP_PAD;

	private static final String GLIBC_TUNABLES = "GLIBC_TUNABLES";

	// glibc's own variables for the thresholds, and for what only a start can set.
	private static final List<String> THRESHOLD_VARIABLES = List.of("MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_",
			"MALLOC_MMAP_THRESHOLD_");

	private static final List<String> START_VARIABLES = List.of("MALLOC_MMAP_MAX_", "MALLOC_ARENA_MAX");

	private NativeAllocator() {
	}

	/**
	 * Sets the thresholds in this process, unless the operator set them already (a malloc
	 * tunable in {@code GLIBC_TUNABLES}, or glibc's {@code MALLOC_TRIM_THRESHOLD_},
	 * {@code MALLOC_TOP_PAD_} or {@code MALLOC_MMAP_THRESHOLD_}), asked for glibc's
	 * defaults through {@value #PROPERTY}, or this is not glibc.
	 * @return whether the thresholds are now in effect
	 */
	public static boolean retainFreedMemory() {
		if (leftToGlibc(List.of()) || configuresThresholds(System.getenv()) || !Platform.isLinux()) {
			return false;
		}
		try {
			C c = Native.load("c", C.class);
			// & rather than &&: each threshold is set even where another is refused.
			boolean set = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
					& c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1 & c.mallopt(M_TOP_PAD, TOP_PAD) == 1;
			if (!set) {
				log.warn("The C library refused some of the allocator's thresholds; training steps may run slower");
			}
			return set;
		}
		catch (LinkageError ex) {
			log.debug("No mallopt in this C library: the allocator keeps its defaults", ex);
			return false;
		}
	}

	/**
	 * Gives a process about to start this allocator from its start ({@link #TUNABLES}),
	 * unless its environment configures glibc's allocator already (a malloc tunable, or
	 * one of the {@code MALLOC_*} variables for what this sets), or it or this process
	 * keeps glibc's defaults ({@value #PROPERTY}).
	 * @param environment the environment the process will start with, changed in place
	 * @param jvmOptions the JVM options it will start with
	 */
	public static void configure(Map<String, String> environment, List<String> jvmOptions) {
		if (leftToGlibc(jvmOptions) || configuresThresholds(environment)
				|| START_VARIABLES.stream().anyMatch(environment::containsKey)) {
			return;
		}
		// Tunables of other parts of glibc stay.
		environment.merge(GLIBC_TUNABLES, TUNABLES, (others, ours) -> others + ":" + ours);
	}

	private static boolean leftToGlibc(List<String> jvmOptions) {
		return "glibc".equals(System.getProperty(PROPERTY)) || jvmOptions.contains("-D" + PROPERTY + "=glibc");
	}

	static boolean configuresThresholds(Map<String, String> environment) {
		return environment.getOrDefault(GLIBC_TUNABLES, "").contains("glibc.malloc.")
				|| THRESHOLD_VARIABLES.stream().anyMatch(environment::containsKey);
	}

	/** The one function of the C library this needs. */
	interface C extends Library {

		int mallopt(int parameter, int value);

	}

}
