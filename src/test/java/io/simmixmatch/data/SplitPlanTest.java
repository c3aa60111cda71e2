package io.simmixmatch.data;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SplitPlanTest {

	private static final ImageSet IMAGES = SyntheticImages.of(50, 1);

	@Test
	void holdsOutTestAndValidationAndLabelsPerClassAndLeavesTheRestUnlabeled() {
		DataSplit split = new SplitPlan(5, 10, 20, 7).apply(IMAGES);

		assertThat(split.labeled()).hasSize(50);
		assertThat(split.validation()).hasSize(100);
		assertThat(split.test()).hasSize(200);
		assertThat(split.unlabeled()).hasSize(150);
		assertThat(perClass(split.labeled())).containsOnly(5);
		assertThat(perClass(split.test())).containsOnly(20);
		int[] all = IntStream.of(concat(split)).sorted().toArray();
		assertThat(all).containsExactly(IntStream.range(0, 500).toArray());
	}

	@Test
	void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
		DataSplit first = new SplitPlan(5, 10, 20, 7).apply(IMAGES);
		DataSplit again = new SplitPlan(5, 10, 20, 7).apply(IMAGES);
		DataSplit other = new SplitPlan(5, 10, 20, 8).apply(IMAGES);

		assertThat(again.labeled()).containsExactly(first.labeled());
		assertThat(again.unlabeled()).containsExactly(first.unlabeled());
		assertThat(other.labeled()).isNotEqualTo(first.labeled());
	}

	@Test
	void aDataSetsOwnTestSetIsKeptAsItIs() {
		int[] ownTest = IntStream.range(400, 500).toArray();
		ImageSet withTest = new ImageSet("own", 1, 28, 28, IMAGES.classNames(), IMAGES.pixels(), IMAGES.labels(),
				ownTest);

		DataSplit split = new SplitPlan(5, 10, 20, 7).apply(withTest);

		assertThat(split.test()).containsExactly(ownTest);
		assertThat(IntStream.of(split.labeled()).max().orElseThrow()).isLessThan(400);
		assertThat(split.unlabeled()).hasSize(400 - 50 - 100);
	}

	@Test
	void aClassWithTooFewImagesIsAClearError() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitPlan(30, 10, 20, 7).apply(IMAGES))
			.withMessageContaining("has 50 training images; the split needs 60");
	}

	private static int[] perClass(int[] indices) {
		int[] counts = new int[10];
		Arrays.stream(indices).forEach((index) -> counts[IMAGES.labels()[index]]++);
		return counts;
	}

	private static int[] concat(DataSplit split) {
		return IntStream
			.concat(IntStream.concat(Arrays.stream(split.labeled()), Arrays.stream(split.validation())),
					IntStream.concat(Arrays.stream(split.unlabeled()), Arrays.stream(split.test())))
			.toArray();
	}

}
