package io.simmixmatch.training;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the allocator's settings are made, and when the operator's settings win. */
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
		assertThat(NativeAllocator.configuredByEnvironment(Map.of("MALLOC_ARENA_MAX", "2"))).isTrue();
		assertThat(NativeAllocator.configuredByEnvironment(Map.of("MALLOC_PERTURB_", "0", "PATH", "/bin"))).isFalse();
	}

	@Test
	void aProcessAboutToStartGetsTheAllocatorUnlessItsEnvironmentConfiguresOne() {
		Map<String, String> plain = new HashMap<>(Map.of("PATH", "/bin"));
		Map<String, String> operators = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "4", "MALLOC_TOP_PAD_", "0"));

		NativeAllocator.configure(plain);
		NativeAllocator.configure(operators);

		assertThat(plain).containsEntry("GLIBC_TUNABLES",
				"glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=268435456"
						+ ":glibc.malloc.top_pad=67108864");
		assertThat(operators).containsOnlyKeys("MALLOC_ARENA_MAX", "MALLOC_TOP_PAD_");
	}

	@Test
	void thePropertyKeepsGlibcsOwnSettings() {
		System.setProperty(NativeAllocator.PROPERTY, "glibc");
		Map<String, String> environment = new HashMap<>();
		try {
			assertThat(NativeAllocator.retainFreedMemory()).isFalse();
			NativeAllocator.configure(environment);
			assertThat(environment).isEmpty();
		}
		finally {
			System.clearProperty(NativeAllocator.PROPERTY);
		}
	}

}
