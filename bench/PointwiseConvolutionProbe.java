import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * libtorch's 1 x 1 convolution of channels-last batches against float64, on this CPU.
 * For input and output channels from 16 to 512, sides of 4 to 32 px, batches of 1 to
 * 112 and strides 1 and 2, it convolves a random channels-last batch in float32 and in
 * float64, and the same batch in the default (N, C, H, W) layout in float32; it prints
 * every shape where either float32 result is off float64's by more than 1e-3, then the
 * count (docs/ARCHITECTURE.md, "Channels-last batches"). Run with the extracted
 * application jar as the class path:
 * java -cp "APP/app.jar:APP/lib/*" bench/PointwiseConvolutionProbe.java
 */
public class PointwiseConvolutionProbe {

	public static void main(String[] args) {
		int[][] channels = { { 16, 32 }, { 32, 64 }, { 64, 128 }, { 128, 128 }, { 128, 256 }, { 256, 256 },
				{ 256, 512 }, { 512, 512 } };
		int wrong = 0;
		int shapes = 0;
		try (NDManager manager = NDManager.newBaseManager()) {
			Engine.getInstance().setRandomSeed(1);
			for (int[] io : channels) {
				for (int side : new int[] { 4, 8, 16, 32 }) {
					for (int batch : new int[] { 1, 2, 5, 8, 16, 64, 112 }) {
						for (int stride : new int[] { 1, 2 }) {
							try (NDManager scope = manager.newSubManager()) {
								NDArray images = scope.randomNormal(new Shape(batch, io[0], side, side));
								NDArray weight = scope.randomNormal(new Shape(io[1], io[0], 1, 1)).mul(0.05f);
								NDArray exact = convolve(images.toType(DataType.FLOAT64, true),
										weight.toType(DataType.FLOAT64, true), stride);
								double channelsLast = error(convolve(channelsLast(images), weight, stride), exact);
								double standard = error(convolve(images, weight, stride), exact);
								shapes++;
								if (channelsLast > 1e-3 || standard > 1e-3) {
									wrong++;
									System.out.printf(
											"%d -> %d channels, %d px, batch %d, stride %d: channels-last off by %.4f,"
													+ " (N, C, H, W) by %.6f%n",
											io[0], io[1], side, batch, stride, channelsLast, standard);
								}
							}
						}
					}
				}
			}
		}
		System.out.printf("%d of %d shapes wrong%n", wrong, shapes);
	}

	private static NDArray convolve(NDArray images, NDArray weight, int stride) {
		return Conv2d.conv2d(images, weight, null, new Shape(stride, stride)).singletonOrThrow();
	}

	private static double error(NDArray output, NDArray exact) {
		return output.toType(DataType.FLOAT64, true).sub(exact).abs().max().getDouble();
	}

	// As the service lays out its batches (ChannelsLast)
	private static NDArray channelsLast(NDArray images) {
		Shape shape = images.getShape();
		return images.transpose(0, 2, 3, 1)
			.flatten()
			.reshape(shape.get(0), shape.get(2), shape.get(3), shape.get(1))
			.transpose(0, 3, 1, 2);
	}

}
