package io.simmixmatch.training;

import java.util.HashMap;
import java.util.List;
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
	void thresholdsTheOperatorSetAreLeftAlone() {
		assertThat(NativeAllocator.configuresThresholds(Map.of("MALLOC_TRIM_THRESHOLD_", "0"))).isTrue();
		assertThat(NativeAllocator.configuresThresholds(Map.of("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=0")))
			.isTrue();
		// An arena count or another part of glibc's tunables leaves the thresholds to us.
		assertThat(NativeAllocator.configuresThresholds(Map.of("MALLOC_ARENA_MAX", "2"))).isFalse();
		assertThat(NativeAllocator.configuresThresholds(Map.of("GLIBC_TUNABLES", "glibc.pthread.rseq=0"))).isFalse();
	}

	@Test
	void aProcessAboutToStartGetsTheAllocatorUnlessItsEnvironmentConfiguresOne() {
		Map<String, String> plain = new HashMap<>(Map.of("PATH", "/bin"));
		Map<String, String> otherTunables = new HashMap<>(Map.of("GLIBC_TUNABLES", "glibc.pthread.rseq=0"));
		Map<String, String> arenas = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "4"));
		Map<String, String> tunables = new HashMap<>(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2"));

		List.of(plain, otherTunables, arenas, tunables)
			.forEach((environment) -> NativeAllocator.configure(environment, List.of()));

		assertThat(plain).containsEntry("GLIBC_TUNABLES",
				"glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=268435456"
						+ ":glibc.malloc.top_pad=67108864");
		assertThat(otherTunables).containsEntry("GLIBC_TUNABLES", "glibc.pthread.rseq=0:" + NativeAllocator.TUNABLES);
		assertThat(arenas).containsOnlyKeys("MALLOC_ARENA_MAX");
		assertThat(tunables).containsEntry("GLIBC_TUNABLES", "glibc.malloc.arena_max=2");
	}

	@Test
	void aProcessWhoseJvmOptionsKeepGlibcsSettingsIsLeftAlone() {
		Map<String, String> environment = new HashMap<>();

		NativeAllocator.configure(environment, List.of("-Xmx8g", "-Dsimmixmatch.native-allocator=glibc"));

		assertThat(environment).isEmpty();
	}

	@Test
	void thePropertyKeepsGlibcsOwnSettings() {
		System.setProperty(NativeAllocator.PROPERTY, "glibc");
		Map<String, String> environment = new HashMap<>();
		try {
			assertThat(NativeAllocator.retainFreedMemory()).isFalse();
			NativeAllocator.configure(environment, List.of());
			assertThat(environment).isEmpty();
		}
		finally {
			System.clearProperty(NativeAllocator.PROPERTY);
		}
	}

}
