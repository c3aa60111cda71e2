package io.simmixmatch.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The PyTorch natives come from the classpath: the engine loads offline and computes. */
class PyTorchEngineTest {

	@Test
	void pytorchEngineLoadsOfflineFromTheClasspathNatives() {
		assertThat(Boolean.getBoolean("ai.djl.offline")).isTrue();
		Engine engine = Engine.getEngine("PyTorch");
		assertThat(engine.getVersion()).startsWith("2.7.1");
		try (NDManager manager = engine.newBaseManager()) {
			NDArray x = manager.create(new float[] { 1, 2, 3, 4 });
			assertThat(x.mul(x).sum().getFloat()).isEqualTo(30f);
		}
	}

}
