package io.simmixmatch.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original implementation computed its SimLoss on tensors made under no_grad, so it
 * changed nothing. Here the contrastive term must reach the backbone.
 */
class ContrastiveGradientTest {

	@Test
	void theContrastiveTermChangesTheGradientsOfTheBackbone() {
		try (NDManager manager = NDManager.newBaseManager()) {
			Engine.getInstance().setRandomSeed(1);
			SemiSupervisedNet net = SemiSupervisedNet.of(ModelArchitecture.SMALL_CNN,
					Layer.BatchNormalization.LIBTORCH_MOMENTUM, 10);
			net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
			NDArray views = manager.randomNormal(new Shape(8, 1, 28, 28));
			NDArray targets = manager.randomInteger(0, 10, new Shape(8), DataType.INT32).oneHot(10);
			Parameter firstConv = net.getParameters().get(0).getValue();

			float[] supervisedOnly = backboneGradient(net, manager, views, targets, 0, firstConv);
			float[] withContrastive = backboneGradient(net, manager, views, targets, 1, firstConv);
			float[] contrastiveOnly = backboneGradient(net, manager, views, null, 1, firstConv);

			assertThat(net.getParameters().get(0).getKey()).startsWith("01backbone_");
			assertThat(maxAbs(contrastiveOnly)).as("gradient of L_sim alone").isGreaterThan(1e-6f);
			assertThat(maxAbsDifference(supervisedOnly, withContrastive)).isGreaterThan(1e-6f);
		}
	}

	private static float[] backboneGradient(SemiSupervisedNet net, NDManager manager, NDArray views, NDArray targets,
			float lambdaSim, Parameter parameter) {
		ParameterStore parameters = new ParameterStore(manager, false);
		try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
			NDList out = net.forward(parameters, new NDList(views), true);
			NDArray loss = manager.create(0f);
			if (targets != null) {
				loss = loss.add(new SoftTargetCrossEntropyLoss().evaluate(new NDList(targets), new NDList(out.get(0))));
			}
			if (lambdaSim > 0) {
				loss = loss
					.add(new ContrastiveLoss(2, 0.5f).evaluate(new NDList(), new NDList(out.get(1))).mul(lambdaSim));
			}
			collector.backward(loss);
		}
		try (NDArray gradient = parameter.getArray().getGradient()) {
			float[] values = gradient.toFloatArray();
			gradient.muli(0);
			return values;
		}
	}

	private static float maxAbs(float[] values) {
		float max = 0;
		for (float value : values) {
			max = Math.max(max, Math.abs(value));
		}
		return max;
	}

	private static float maxAbsDifference(float[] a, float[] b) {
		float max = 0;
		for (int i = 0; i < a.length; i++) {
			max = Math.max(max, Math.abs(a[i] - b[i]));
		}
		return max;
	}

}
