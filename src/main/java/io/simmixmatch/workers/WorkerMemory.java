package io.simmixmatch.workers;

import java.lang.management.ManagementFactory;
import java.util.List;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import com.sun.management.OperatingSystemMXBean;

/**
 * The memory a worker's training steps may use: its GPUs' memory together, or on the CPU
 * the machine's (its container's limit, where it has one: the JVM reads the cgroup).
 */
final class WorkerMemory {

	private WorkerMemory() {
	}

	static long of(List<Device> devices) {
		if (devices.get(0).isGpu()) {
			return devices.stream().mapToLong((device) -> CudaUtils.getGpuMemory(device).getMax()).sum();
		}
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
	}

}
