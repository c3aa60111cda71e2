package io.simmixmatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * The SimCLR loss generalized to K views: with the N = K * M embeddings of M images
 * ordered view by view, each embedding's positives are the other K - 1 views of its image
 * and every other embedding is a negative:
 *
 * <pre>
 * L = -(1/N) sum_i 1/(K-1) sum_{p in P(i)} log( exp(z_i.z_p / tau) / sum_{a != i} exp(z_i.z_a / tau) )
 * </pre>
 *
 * with z L2-normalized. For K = 2 it is exactly NT-Xent.
 */
public final class ContrastiveLoss extends Loss {

	private static final float EXCLUDED = -1e4f;

	private final int views;

	private final float temperature;

	/**
	 * @param views K, at least 2
	 * @param temperature tau
	 */
	public ContrastiveLoss(int views, float temperature) {
		super("ContrastiveLoss");
		if (views < 2) {
			throw new IllegalArgumentException("The contrastive loss needs at least 2 views, not " + views);
		}
		this.views = views;
		this.temperature = temperature;
	}

	/**
	 * @param labels unused: the positives follow from the order of the embeddings
	 * @param predictions the embeddings {@code (K * M, D)}, view-major
	 * @return the scalar loss
	 */
	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		NDArray z = predictions.head().normalize(2, 1, 1e-12);
		long n = z.getShape().get(0);
		if (n % this.views != 0) {
			throw new IllegalArgumentException(n + " embeddings are not " + this.views + " views of the same images");
		}
		NDManager manager = z.getManager();
		NDArray self = manager.eye((int) n);
		// Masked before the division: no temperature brings an image's similarity
		// with itself back into the softmax.
		NDArray similarity = z.matMul(z.transpose()).add(self.mul(EXCLUDED)).div(this.temperature);
		NDArray logProbability = similarity.logSoftmax(1);
		NDArray image = manager.arange(0, n, 1, DataType.INT64).mod(n / this.views);
		NDArray positives = image.expandDims(1).eq(image.expandDims(0)).toType(DataType.FLOAT32, false).sub(self);
		return positives.mul(logProbability).sum(new int[] { 1 }).div(this.views - 1).mean().neg();
	}

}
