package io.simmixmatch.training;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Names of training devices, as configuration and the command line give them. */
public final class Devices {

	private Devices() {
	}

	/**
	 * Parses a device name.
	 * @param name {@code auto} (the first GPU the engine sees, else the CPU),
	 * {@code cpu}, or {@code gpuN}
	 * @return the device
	 * @throws IllegalArgumentException for any other name, or a GPU the engine does not
	 * have
	 */
	public static Device parse(String name) {
		String normalized = name.strip().toLowerCase(Locale.ROOT);
		if (normalized.equals("auto")) {
			return (Engine.getInstance().getGpuCount() > 0) ? Device.gpu(0) : Device.cpu();
		}
		if (normalized.equals("cpu")) {
			return Device.cpu();
		}
		if (normalized.matches("gpu\\d+")) {
			int id = Integer.parseInt(normalized.substring(3));
			int available = Engine.getInstance().getGpuCount();
			if (id >= available) {
				throw new IllegalArgumentException(
						"Device " + name + " does not exist: the engine sees " + available + " GPU(s)");
			}
			return Device.gpu(id);
		}
		throw new IllegalArgumentException("Unknown device '" + name + "': use auto, cpu or gpuN");
	}

	/**
	 * Parses a group of devices for data-parallel training.
	 * @param names device names joined by {@code +}, such as {@code gpu0+gpu1}
	 * @return the devices, in order
	 * @throws IllegalArgumentException for an unknown device, or one named twice
	 */
	public static List<Device> parseAll(String names) {
		List<Device> devices = Arrays.stream(names.split("\\+")).map(Devices::parse).toList();
		if (Set.copyOf(devices).size() != devices.size()) {
			throw new IllegalArgumentException("Devices '" + names + "' name a device twice");
		}
		return devices;
	}

	/**
	 * The name {@link #parse} reads back: {@code cpu} or {@code gpuN}.
	 * @param device a device
	 * @return its name
	 */
	public static String name(Device device) {
		return device.isGpu() ? "gpu" + device.getDeviceId() : "cpu";
	}

}
