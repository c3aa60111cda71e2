package io.simmixmatch.workers;

import ai.djl.Device;
import io.simmixmatch.training.Devices;

/**
 * Who a worker process is: its name in the queue, the runs table and health, and the
 * device it trains on.
 *
 * @param name unique among the live workers
 * @param device where it trains
 */
record WorkerIdentity(String name, Device device) {

	String deviceName() {
		return Devices.name(this.device);
	}

}
