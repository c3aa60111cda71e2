package io.simmixmatch.workers;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkerSlotsTest {

	@Test
	void autoIsOneSlotPerGpuOrTheCpu() {
		assertThat(WorkerSlots.parse("auto", 0)).containsExactly("cpu");
		assertThat(WorkerSlots.parse("AUTO", 2)).containsExactly("gpu0", "gpu1");
	}

	@Test
	void cpuSlotsShareTheCores() {
		assertThat(WorkerSlots.parse("cpu", 4)).containsExactly("cpu");
		assertThat(WorkerSlots.parse("cpu:3", 0)).containsExactly("cpu", "cpu", "cpu");
		assertThat(WorkerSlots.cpuThreads(List.of("cpu", "cpu"), 2)).isEqualTo(1);
		assertThat(WorkerSlots.cpuThreads(List.of("cpu", "cpu", "cpu"), 8)).isEqualTo(2);
		assertThat(WorkerSlots.cpuThreads(List.of("cpu", "gpu0"), 8)).isEqualTo(8);
		assertThat(WorkerSlots.cpuThreads(List.of("cpu:9"), 1)).isEqualTo(1);
	}

	@Test
	void aListNamesEachSlotsDevice() {
		assertThat(WorkerSlots.parse("gpu1, gpu0,cpu", 2)).containsExactly("gpu1", "gpu0", "cpu");
	}

	@Test
	void aSlotMayHoldSeveralGpusForDataParallelRuns() {
		assertThat(WorkerSlots.parse("gpu0+gpu1, gpu2 + gpu3", 4)).containsExactly("gpu0+gpu1", "gpu2+gpu3");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSlots.parse("gpu0+gpu1,gpu1", 2))
			.withMessageContaining("gpu1 is given to two workers");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSlots.parse("cpu+gpu0", 1));
	}

	@Test
	void rejectsWhatCannotBeHonoured() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSlots.parse("gpu0,gpu0", 2))
			.withMessageContaining("gpu0 is given to two workers");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSlots.parse("gpu2", 2))
			.withMessageContaining("gpu2 does not exist");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSlots.parse("cpu:0", 0))
			.withMessageContaining("between 1 and 64");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSlots.parse("tpu0", 0))
			.withMessageContaining("use auto, cpu, cpu:N");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSlots.parse("", 0));
	}

}
