package io.simmixmatch.workers;

import java.util.List;

import ai.djl.Device;
import io.simmixmatch.training.Devices;

/**
 * Who a worker process is: its name in the queue, the runs table and health, and the
 * devices it trains on (a run uses as many of them as it asked for).
 *
 * @param name unique among the live workers
 * @param devices where it trains
 * @param memoryBytes what a step may use there ({@link WorkerMemory})
 */
record WorkerIdentity(String name, List<Device> devices, long memoryBytes) {

	List<String> deviceNames() {
		return this.devices.stream().map(Devices::name).toList();
	}

	String deviceName() {
		return String.join("+", deviceNames());
	}

}
