package io.simmixmatch.training;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ClassResultsTest {

	private static final List<String> CLASSES = List.of("shoes", "shirts", "bags");

	@Test
	void theConfusionMatrixCountsEachImageInItsClassRowAndItsGuessColumn() {
		ClassResults results = ClassResults.of("test", CLASSES, new int[] { 0, 0, 0, 0, 1, 1, 2, 2 },
				new int[] { 0, 0, 0, 1, 1, 0, 2, 0 });

		assertThat(results.confusion()).isDeepEqualTo(new long[][] { { 3, 1, 0 }, { 1, 1, 0 }, { 1, 0, 1 } });
		assertThat(results.images(0)).isEqualTo(4);
		assertThat(results.correct()).isEqualTo(5);
	}

	@Test
	void eachClassCountsOnceInTheBalancedAccuracy() {
		ClassResults results = ClassResults.of("test", CLASSES, new int[] { 0, 0, 0, 0, 1, 1, 2, 2 },
				new int[] { 0, 0, 0, 1, 1, 0, 2, 0 });

		// 3 of 4 shoes, 1 of 2 shirts, 1 of 2 bags: top-1 is 5/8, balanced (3/4 + 1/2 +
		// 1/2) / 3
		assertThat(results.accuracy(0)).isEqualTo(0.75);
		assertThat(results.accuracy(1)).isEqualTo(0.5);
		assertThat(results.accuracy(2)).isEqualTo(0.5);
		assertThat(results.balancedAccuracy()).isCloseTo(7 / 12.0, within(1e-12));
	}

	@Test
	void answeringTheLargestClassScoresOneOverTheClassesBalanced() {
		ClassResults always = ClassResults.of("test", CLASSES, new int[] { 0, 0, 0, 0, 1, 1, 2, 2 },
				new int[] { 0, 0, 0, 0, 0, 0, 0, 0 });

		assertThat((double) always.correct() / 8).isEqualTo(0.5);
		assertThat(always.balancedAccuracy()).isCloseTo(1 / 3.0, within(1e-12));
	}

	@Test
	void aClassWithoutImagesHasNoAccuracyAndIsLeftOutOfTheMean() {
		ClassResults results = ClassResults.of("validation", CLASSES, new int[] { 0, 0, 2 }, new int[] { 0, 2, 2 });

		assertThat(results.accuracy(1)).isNull();
		assertThat(results.balancedAccuracy()).isCloseTo((0.5 + 1) / 2, within(1e-12));
		assertThat(ClassResults.of("test", CLASSES, new int[0], new int[0]).balancedAccuracy()).isNull();
	}

	@Test
	void aMatrixMustBeSquareInTheClasses() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClassResults("test", CLASSES, new long[2][3]))
			.withMessage("A confusion matrix of 3 classes is 3 x 3");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClassResults.of("test", CLASSES, new int[] { 0 }, new int[0]))
			.withMessage("1 labels for 0 guesses");
	}

}
