package io.simmixmatch.training;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** The loss terms against values computed by hand. */
class LossesTest {

	private final NDManager manager = NDManager.newBaseManager();

	@AfterEach
	void close() {
		this.manager.close();
	}

	@Test
	void softTargetCrossEntropyAveragesTheTargetWeightedLogProbabilities() {
		// log softmax(1, 2, 3) = (1, 2, 3) - ln(e + e^2 + e^3) = (1, 2, 3) - 3.4076059644
		NDArray logits = this.manager.create(new float[] { 1, 2, 3, 0, 0, 0 }, new Shape(2, 3));
		NDArray targets = this.manager.create(new float[] { 0, 0.5f, 0.5f, 1, 0, 0 }, new Shape(2, 3));

		float loss = new SoftTargetCrossEntropyLoss().evaluate(new NDList(targets), new NDList(logits)).getFloat();

		// row 1: 0.5 * 1.4076059644 + 0.5 * 0.4076059644; row 2: ln 3
		assertThat((double) loss).isCloseTo((0.9076059644 + Math.log(3)) / 2, within(1e-6));
	}

	@Test
	void labelSmoothingSpreadsItsShareOverTheClassesAndTheLossFollows() {
		NDArray oneHot = this.manager.create(new float[] { 0, 1, 0, 0 }, new Shape(1, 4));
		NDArray logits = this.manager.create(new float[] { (float) Math.log(8), 0, 0, 0 }, new Shape(1, 4));

		NDArray targets = SemiSupervisedStep.smoothed(oneHot, 0.2f);
		float loss = new SoftTargetCrossEntropyLoss().evaluate(new NDList(targets), new NDList(logits)).getFloat();

		// 0.2 / 4 = 0.05 to every class, 0.8 more to the labeled one
		assertThat(targets.toFloatArray()).containsExactly(new float[] { 0.05f, 0.85f, 0.05f, 0.05f }, within(1e-7f));
		// softmax = (8, 1, 1, 1) / 11: -(0.05 ln(8/11) + 0.95 ln(1/11)) = ln 11 - 0.05 ln
		// 8
		assertThat((double) loss).isCloseTo(Math.log(11) - 0.05 * Math.log(8), within(1e-6));
		assertThat(SemiSupervisedStep.smoothed(oneHot, 0)).isSameAs(oneHot);
	}

	@Test
	void consistencyIsTheMeanSquaredErrorOfTheProbabilities() {
		NDArray logits = this.manager.create(new float[] { 0, 0, 0, (float) Math.log(3) }, new Shape(2, 2));
		NDArray targets = this.manager.create(new float[] { 1, 0, 0, 1 }, new Shape(2, 2));

		float loss = new ConsistencyLoss().evaluate(new NDList(targets), new NDList(logits)).getFloat();

		// probabilities (0.5, 0.5) and (0.25, 0.75): errors 0.25, 0.25, 0.0625, 0.0625
		assertThat((double) loss).isCloseTo(0.15625, within(1e-6));
	}

	@Test
	void contrastiveLossOfTwoOrthogonalImagesInTwoViews() {
		// views [a, b, a, b] with a = (1, 0), b = (0, 1), tau = 1: every embedding has
		// similarity 1 with its positive and 0 with the two others, so
		// L = -log(e / (e + 2)) = ln(e + 2) - 1
		NDArray z = this.manager.create(new float[] { 1, 0, 0, 1, 1, 0, 0, 1 }, new Shape(4, 2));

		float loss = new ContrastiveLoss(2, 1).evaluate(new NDList(), new NDList(z)).getFloat();

		assertThat((double) loss).isCloseTo(Math.log(Math.E + 2) - 1, within(1e-6));
	}

	@Test
	void contrastiveLossForTwoViewsIsNtXent() {
		float[] embeddings = randomEmbeddings(2 * 5, 8, 42);
		NDArray z = this.manager.create(embeddings, new Shape(10, 8));

		float loss = new ContrastiveLoss(2, 0.5f).evaluate(new NDList(), new NDList(z)).getFloat();

		assertThat((double) loss).isCloseTo(ntXent(embeddings, 5, 8, 0.5), within(1e-5));
	}

	@Test
	void contrastiveLossTakesTheOtherViewsOfAnImageAsItsPositives() {
		int views = 3;
		int images = 4;
		float[] embeddings = randomEmbeddings(views * images, 6, 7);
		NDArray z = this.manager.create(embeddings, new Shape(views * images, 6));

		float loss = new ContrastiveLoss(views, 0.5f).evaluate(new NDList(), new NDList(z)).getFloat();

		assertThat((double) loss).isCloseTo(multiViewReference(embeddings, views, images, 6, 0.5), within(1e-5));
	}

	@Test
	void contrastiveLossLeavesAnImageOutOfItsOwnSoftmaxAtAnyTemperature() {
		// four orthogonal embeddings, two views of two images: every other embedding is
		// at
		// similarity 0, so each row's softmax over the three others gives its positive
		// 1/3.
		// Were its own similarity, 1 / tau, masked after the division, at tau = 1e-4 it
		// would join them at 0: 1/4.
		NDArray z = this.manager.eye(4);

		float loss = new ContrastiveLoss(2, 1e-4f).evaluate(new NDList(), new NDList(z)).getFloat();

		assertThat((double) loss).isCloseTo(Math.log(3), within(1e-6));
	}

	@Test
	void contrastiveLossNeedsTwoViews() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ContrastiveLoss(1, 0.5f));
	}

	@Test
	void sharpeningRaisesToOneOverTAndRenormalizes() {
		NDArray p = this.manager.create(new float[] { 0.6f, 0.4f }, new Shape(1, 2));

		float[] sharpened = LabelGuessing.sharpen(p, 0.5f).toFloatArray();

		// 0.36 / 0.52 and 0.16 / 0.52
		assertThat(sharpened[0]).isCloseTo(0.36f / 0.52f, within(1e-6f));
		assertThat(sharpened[1]).isCloseTo(0.16f / 0.52f, within(1e-6f));
	}

	@Test
	void labelGuessAveragesTheViewsBeforeSharpening() {
		// image 0: softmax views (0.5, 0.5) and (0.75, 0.25) average to (0.625, 0.375)
		float ln3 = (float) Math.log(3);
		NDArray logits = this.manager.create(new float[] { 0, 0, 0, 0, ln3, 0, 0, 0 }, new Shape(4, 2));

		float[] guess = LabelGuessing.guess(logits, 2, 1).toFloatArray();

		assertThat(guess).containsExactly(new float[] { 0.625f, 0.375f, 0.5f, 0.5f }, within(1e-6f));
	}

	private static float[] randomEmbeddings(int n, int d, long seed) {
		Random random = new Random(seed);
		float[] values = new float[n * d];
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) random.nextGaussian();
		}
		return values;
	}

	/** SimCLR's NT-Xent as its paper writes it, for pairs (k, k + M). */
	private static double ntXent(float[] z, int images, int d, double tau) {
		int n = 2 * images;
		double[][] sim = cosineSimilarities(z, n, d);
		double total = 0;
		for (int k = 0; k < images; k++) {
			total += pairLoss(sim, k, k + images, tau) + pairLoss(sim, k + images, k, tau);
		}
		return total / n;
	}

	private static double pairLoss(double[][] sim, int i, int j, double tau) {
		double denominator = 0;
		for (int a = 0; a < sim.length; a++) {
			if (a != i) {
				denominator += Math.exp(sim[i][a] / tau);
			}
		}
		return -Math.log(Math.exp(sim[i][j] / tau) / denominator);
	}

	/**
	 * The design's formula with explicit positive sets P(i) = other views of i's image.
	 */
	private static double multiViewReference(float[] z, int views, int images, int d, double tau) {
		int n = views * images;
		double[][] sim = cosineSimilarities(z, n, d);
		double total = 0;
		for (int i = 0; i < n; i++) {
			double perAnchor = 0;
			for (int p = 0; p < n; p++) {
				if (p != i && p % images == i % images) {
					perAnchor += -pairLoss(sim, i, p, tau);
				}
			}
			total += perAnchor / (views - 1);
		}
		return -total / n;
	}

	private static double[][] cosineSimilarities(float[] z, int n, int d) {
		double[][] sim = new double[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				double dot = 0;
				double ni = 0;
				double nj = 0;
				for (int k = 0; k < d; k++) {
					dot += z[i * d + k] * z[j * d + k];
					ni += z[i * d + k] * z[i * d + k];
					nj += z[j * d + k] * z[j * d + k];
				}
				sim[i][j] = dot / Math.sqrt(ni * nj);
			}
		}
		return sim;
	}

}
