package io.simmixmatch.training;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the allocator's thresholds are set, and when the operator's settings win. */
class NativeAllocatorTest {

	@Test
	void glibcAcceptsTheThresholdsOnLinux() {
		// The images and CI run on glibc: a refusal would halve training speed unseen.
		assertThat(NativeAllocator.retainFreedMemory()).isEqualTo(com.sun.jna.Platform.isLinux());
	}

	@Test
	void anAllocatorConfiguredThroughTheEnvironmentIsLeftAlone() {
		assertThat(NativeAllocator.configuredByEnvironment(Map.of("MALLOC_TRIM_THRESHOLD_", "0"))).isTrue();
		assertThat(NativeAllocator.configuredByEnvironment(Map.of("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=0")))
			.isTrue();
		assertThat(NativeAllocator.configuredByEnvironment(Map.of("MALLOC_ARENA_MAX", "2", "PATH", "/bin"))).isFalse();
	}

	@Test
	void thePropertyKeepsGlibcsOwnSettings() {
		System.setProperty(NativeAllocator.PROPERTY, "glibc");
		try {
			assertThat(NativeAllocator.retainFreedMemory()).isFalse();
		}
		finally {
			System.clearProperty(NativeAllocator.PROPERTY);
		}
	}

}
