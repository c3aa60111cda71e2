package io.simmixmatch.training;

import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;
import io.simmixmatch.data.DataSplit;
import io.simmixmatch.data.ImageSet;
import io.simmixmatch.data.SplitPlan;
import io.simmixmatch.data.SyntheticImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The data-parallel path as far as a machine without GPUs can take it: DJL maps every CPU
 * device id to the one CPU, so a multi-device step only runs on GPUs, where it is
 * verified separately; here, the sharding and the setup's rules.
 */
class DataParallelTest {

	private static final ImageSet IMAGES = SyntheticImages.of(40, 5);

	private static final DataSplit SPLIT = new SplitPlan(10, 10, 10, 5).apply(IMAGES);

	@Test
	void aBatchIsSplitIntoNearlyEqualContiguousShards() {
		List<long[]> shards = Shards.split(new long[] { 1, 2, 3, 4, 5, 6, 7 }, 3);
		assertThat(shards).containsExactly(new long[] { 1, 2, 3 }, new long[] { 4, 5 }, new long[] { 6, 7 });
		assertThat(Shards.split(new long[] { 1, 2 }, 1)).containsExactly(new long[] { 1, 2 });
		assertThat(Shards.split(new long[0], 2)).containsExactly(new long[0], new long[0]);
		assertThatIllegalArgumentException().isThrownBy(() -> Shards.split(new long[] { 1 }, 2));
	}

	@Test
	void aSetupTakesDistinctDevicesAndABatchForEach() {
		Hyperparameters hp = TrainingLoopTest.hyperparameters(1, 1);
		assertThatIllegalArgumentException().isThrownBy(() -> new TrainingSetup(Algorithm.SUPERVISED, hp, IMAGES, SPLIT,
				List.of(Device.cpu(), Device.cpu()), Path.of("x")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TrainingSetup(Algorithm.SUPERVISED, hp, IMAGES, SPLIT, List.of(), Path.of("x")));
	}

}
