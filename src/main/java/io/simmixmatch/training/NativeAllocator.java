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

	// glibc's own variables for what this sets.
	private static final List<String> OPERATOR_SETTINGS = List.of("GLIBC_TUNABLES", "MALLOC_TRIM_THRESHOLD_",
			"MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_");

	private NativeAllocator() {
	}

	/**
	 * Sets the thresholds, unless the operator set them already (glibc's
	 * {@code MALLOC_TRIM_THRESHOLD_}, {@code MALLOC_TOP_PAD_},
	 * {@code MALLOC_MMAP_THRESHOLD_} or {@code GLIBC_TUNABLES}), asked for glibc's
	 * defaults through {@value #PROPERTY}, or this is not glibc.
	 * @return whether the thresholds are now in effect
	 */
	public static boolean retainFreedMemory() {
		if ("glibc".equals(System.getProperty(PROPERTY)) || configuredByEnvironment(System.getenv())
				|| !Platform.isLinux()) {
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

	static boolean configuredByEnvironment(Map<String, String> environment) {
		return OPERATOR_SETTINGS.stream().anyMatch(environment::containsKey);
	}

	/** The one function of the C library this needs. */
	interface C extends Library {

		int mallopt(int parameter, int value);

	}

}
