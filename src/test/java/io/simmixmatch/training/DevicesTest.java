package io.simmixmatch.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Device names; on a machine without GPUs, auto is the CPU and gpuN does not exist. */
class DevicesTest {

	@Test
	void cpuAndAutoWithoutGpus() {
		assertThat(Devices.parse("cpu")).isEqualTo(Device.cpu());
		assertThat(Devices.parse(" CPU ")).isEqualTo(Device.cpu());
		assertThat(Devices.parse("auto"))
			.isEqualTo(Engine.getInstance().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu());
	}

	@Test
	void aMissingGpuOrAnUnknownNameIsAClearError() {
		int gpus = Engine.getInstance().getGpuCount();
		assertThatIllegalArgumentException().isThrownBy(() -> Devices.parse("gpu" + gpus))
			.withMessageContaining("the engine sees " + gpus + " GPU(s)");
		assertThatIllegalArgumentException().isThrownBy(() -> Devices.parse("tpu0"))
			.withMessageContaining("use auto, cpu or gpuN");
	}

}
