package io.simmixmatch.workers;

import java.io.IOException;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OutOfMemoryTest {

	@Test
	void recognizesPyTorchRefusingAnAllocationAndTheMemoryIsUsableAfterwards() {
		try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
			// 2^48 floats are a petabyte: more than any machine's memory and address
			// space.
			EngineException refused = catchThrowableOfType(EngineException.class,
					() -> manager.zeros(new Shape(1L << 48)));
			RuntimeException attempt = new RuntimeException("Training step 12 failed", refused);

			assertThat(OutOfMemory.in(attempt)).hasValueSatisfying(
					(message) -> assertThat(message).contains("can't allocate memory").doesNotContain("\n"));
			assertThat(manager.ones(new Shape(1024)).sum().getFloat()).as("the next allocation").isEqualTo(1024f);
		}
	}

	@Test
	void recognizesTheJvmAndCudaRunningOutButNotOtherFailures() {
		assertThat(OutOfMemory.in(new IllegalStateException(new OutOfMemoryError("Java heap space"))))
			.hasValue("Java heap space");
		assertThat(OutOfMemory.in(new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB")))
			.hasValue("CUDA out of memory. Tried to allocate 2.00 GiB");
		assertThat(OutOfMemory.in(new IOException("No train-images-idx3-ubyte in /data"))).isEmpty();
		assertThat(OutOfMemory.in(new NullPointerException())).isEmpty();
	}

}
