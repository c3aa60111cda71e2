package io.simmixmatch.workers;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Names of hosts and worker processes. */
final class WorkerNames {

	private WorkerNames() {
	}

	static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	/**
	 * The default name of this process as a worker: unique on its host, and in
	 * Kubernetes, where the host name is the pod's, unique in the cluster.
	 * @return host-pid
	 */
	static String ofThisProcess() {
		return host() + "-" + ProcessHandle.current().pid();
	}

}
