package io.simmixmatch.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Adam, whose moments and step counts can be saved and restored, so a resumed run
 * continues exactly where it stopped (DJL's own optimizers keep that state private), with
 * one of two kinds of weight decay:
 * <ul>
 * <li>{@link OptimizerType#ADAM}: {@code wd * w} added to every parameter's gradient, as
 * the original code's optimizer. Adam's normalization cancels most of it for any weight
 * with a real gradient.</li>
 * <li>{@link OptimizerType#ADAMW}: after the Adam step, {@code w <- w * (1 - lr * wd)}
 * for the decayed parameters only (convolution and linear kernels), as MixMatch's
 * reference implementations do ({@code wd = 0.02}). It bounds the norm of the kernels
 * before BatchNorm, which would otherwise grow and shrink the effective step.</li>
 * </ul>
 */
final class CheckpointableAdam extends Optimizer {

	private static final float BETA1 = 0.9f;

	private static final float BETA2 = 0.999f;

	private static final float EPSILON = 1e-8f;

	// libtorch's update clips the gradient only where the bound is not negative.
	private static final float NO_CLIPPING = -1;

	private final Tracker learningRate;

	private final float weightDecay;

	private final boolean decoupled;

	private final Predicate<String> decayed;

	private final Map<String, NDArray> firstMoments = new HashMap<>();

	private final Map<String, NDArray> secondMoments = new HashMap<>();

	private final Map<String, Integer> steps = new HashMap<>();

	/**
	 * @param type how weight decay is applied
	 * @param learningRate the learning rate by step
	 * @param weightDecay the decay coefficient
	 * @param decayed which parameter ids decoupled decay shrinks (ADAMW)
	 */
	CheckpointableAdam(OptimizerType type, Tracker learningRate, float weightDecay, Predicate<String> decayed) {
		super(new Builder());
		this.learningRate = learningRate;
		this.weightDecay = weightDecay;
		this.decoupled = type == OptimizerType.ADAMW;
		this.decayed = decayed;
	}

	/**
	 * The parameters that decoupled decay shrinks: the kernels of convolutions and linear
	 * layers (DJL's {@link Parameter.Type#WEIGHT}), not biases or BatchNorm's scale and
	 * shift, as in MixMatch's reference implementations.
	 * @param network the network to train
	 * @return whether a parameter id names one of its kernels
	 */
	static Predicate<String> kernelsOf(Block network) {
		Set<String> ids = network.getParameters()
			.values()
			.stream()
			.filter((parameter) -> parameter.getType() == Parameter.Type.WEIGHT)
			.map(Parameter::getId)
			.collect(Collectors.toSet());
		return ids::contains;
	}

	/**
	 * One Adam step of one parameter, in one native call (libtorch's fused update, which
	 * also clears the gradient: PyTorch accumulates gradients and DJL's collector never
	 * resets them). PyTorch's Adam, {@code w -= lr * (m / c1) / (sqrt(v / c2) + eps)}
	 * with {@code c = 1 - beta^t}, is passed in the form that call computes,
	 * {@code w -= (lr * sqrt(c2) / c1) * m / (sqrt(v) + eps * sqrt(c2))}. Decoupled decay
	 * shrinks the kernel after the step, {@code (w - u) * (1 - lr * wd)}; the call
	 * shrinks the weight before it, so the step is scaled by the same factor.
	 */
	@Override
	public void update(String parameterId, NDArray weight, NDArray grad) {
		String key = parameterId + "@" + weight.getDevice();
		int step = this.steps.merge(key, 1, Integer::sum);
		float rate = this.learningRate.getNewValue(step - 1);
		NDArray first = this.firstMoments.computeIfAbsent(key, (k) -> kept(weight.zerosLike()));
		NDArray second = this.secondMoments.computeIfAbsent(key, (k) -> kept(weight.zerosLike()));
		boolean shrunk = this.decoupled && this.weightDecay != 0 && this.decayed.test(parameterId);
		float decay = (shrunk || !this.decoupled) ? this.weightDecay : 0;
		double correction1 = 1 - Math.pow(BETA1, step);
		double rootCorrection2 = Math.sqrt(1 - Math.pow(BETA2, step));
		double shrink = shrunk ? 1 - (double) rate * this.weightDecay : 1;
		float stepSize = (float) (rate * rootCorrection2 / correction1 * shrink);
		weight.getNDArrayInternal()
			.adamUpdate(new NDList(weight, grad, first, second), new NDList(weight), rate, stepSize, decay, 1,
					NO_CLIPPING, BETA1, BETA2, (float) (EPSILON * rootCorrection2), false, shrunk);
	}

	// Optimizer state outlives the scope of the step that created it.
	private static NDArray kept(NDArray array) {
		NDScope.unregister(array);
		return array;
	}

	/**
	 * The state to checkpoint: per parameter, its two moments and step count. Parameter
	 * ids are random per process, so the state is saved under the parameters' names.
	 * @param names parameter names by parameter id
	 * @return named arrays: {@code m:<name>@<device>}, {@code v:...} and {@code t:...}
	 */
	NDList state(Map<String, String> names) {
		NDList state = new NDList();
		this.steps.forEach((key, step) -> {
			String name = rename(key, names);
			state.add(named(this.firstMoments.get(key), "m:" + name));
			state.add(named(this.secondMoments.get(key), "v:" + name));
			state.add(named(this.firstMoments.get(key).getManager().create(step), "t:" + name));
		});
		return state;
	}

	/**
	 * Restores what {@link #state(Map)} saved onto this run's devices. Every device's
	 * replica takes the same updates, so each parameter's saved moments and step count,
	 * from whichever device saved them, seed it on every device: a checkpoint decodes on
	 * one device, and the resumed run's devices need not be the saved run's.
	 * @param state the saved arrays
	 * @param ids parameter ids of this process by parameter name
	 * @param devices the devices this run trains on
	 */
	void restore(NDList state, Map<String, String> ids, List<Device> devices) {
		Map<String, NDArray> first = new HashMap<>();
		Map<String, NDArray> second = new HashMap<>();
		Map<String, Integer> steps = new HashMap<>();
		for (NDArray array : state) {
			String key = rename(array.getName().substring(2), ids);
			String parameterId = key.substring(0, key.lastIndexOf('@'));
			switch (array.getName().charAt(0)) {
				case 'm' -> keepOne(first, parameterId, array);
				case 'v' -> keepOne(second, parameterId, array);
				default -> {
					steps.put(parameterId, array.getInt());
					array.close();
				}
			}
		}
		steps.forEach((parameterId, step) -> {
			for (Device device : devices) {
				String key = parameterId + "@" + device;
				// toDevice copies to another device; on its own it is the saved array
				this.firstMoments.put(key, kept(first.get(parameterId).toDevice(device, false)));
				this.secondMoments.put(key, kept(second.get(parameterId).toDevice(device, false)));
				this.steps.put(key, step);
			}
		});
	}

	// The replicas' copies are equal: one is kept, the others closed.
	private static void keepOne(Map<String, NDArray> saved, String parameterId, NDArray array) {
		if (saved.putIfAbsent(parameterId, array) != null) {
			array.close();
		}
	}

	// Keys are "<parameter>@<device>"; this swaps the parameter part.
	private static String rename(String key, Map<String, String> mapping) {
		int at = key.lastIndexOf('@');
		String parameter = key.substring(0, at);
		String renamed = mapping.get(parameter);
		if (renamed == null) {
			throw new IllegalArgumentException("No parameter " + parameter + " in this network");
		}
		return renamed + key.substring(at);
	}

	private static NDArray named(NDArray array, String name) {
		array.setName(name);
		return array;
	}

	private static final class Builder extends OptimizerBuilder<Builder> {

		@Override
		protected Builder self() {
			return this;
		}

	}

}
