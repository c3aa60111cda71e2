package io.simmixmatch.inference;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.simmixmatch.datasets.SplitCounts;
import io.simmixmatch.runs.RunResponse;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Preset;
import org.jspecify.annotations.Nullable;

/**
 * What a model is, how well it does and how to feed it, for the people and services that
 * use its ONNX file.
 *
 * @param model which checkpoint it is
 * @param data what it learned from
 * @param training how it was trained
 * @param results how well it does
 * @param onnx its exported file
 * @param preprocessing how to turn an image into its input
 */
record ModelCard(Model model, Data data, Training training, Results results, Onnx onnx, Preprocessing preprocessing) {

	/**
	 * The checkpoint.
	 *
	 * @param name the name it was asked for: an alias, {@code run:{id}} or a checkpoint
	 * @param version the alias's version, null otherwise
	 * @param runId the run that trained it
	 * @param checkpointId the checkpoint
	 * @param epoch the epoch it was taken after
	 * @param step the optimizer steps before it
	 */
	record Model(String name, @Nullable Integer version, long runId, long checkpointId, int epoch, long step) {
	}

	/**
	 * The data set.
	 *
	 * @param dataset its id
	 * @param split how its images were split: by the archive's folders, or by plan
	 * @param images the archive's images by role, where its folders split them
	 * @param classNames the classes, by the index the model answers
	 */
	record Data(String dataset, String split, @Nullable SplitCounts images, List<String> classNames) {
	}

	/**
	 * The run.
	 *
	 * @param algorithm the algorithm
	 * @param preset the preset its hyperparameters started from
	 * @param hyperparameters the effective hyperparameters
	 * @param trainedMinutes the training time that led to the checkpoint
	 * @param worker the worker that trained it last
	 * @param devices its devices
	 */
	record Training(Algorithm algorithm, Preset preset, Map<String, Object> hyperparameters, double trainedMinutes,
			@Nullable String worker, @Nullable String devices) {
	}

	/**
	 * The checkpoint's accuracy.
	 *
	 * @param validationTop1 on validation, when it was taken
	 * @param validationTop5 the same, top-5
	 * @param test on test, where the run measured this checkpoint (its best, once it
	 * ended)
	 * @param classes its results class by class, where the run measured this checkpoint
	 */
	record Results(@Nullable Double validationTop1, @Nullable Double validationTop5, RunResponse.@Nullable Test test,
			RunResponse.@Nullable Classes classes) {
	}

	/**
	 * The exported file.
	 *
	 * @param file its name
	 * @param sha256 its SHA-256, hex
	 * @param opset the ONNX operator set
	 */
	record Onnx(String file, String sha256, int opset) {
	}

	/**
	 * From an image to the model's input.
	 *
	 * @param channels 3 for RGB, 1 for grayscale
	 * @param height the input height
	 * @param width the input width
	 * @param channelMeans the training set's means per channel, in [0, 1] units
	 * @param channelStds its standard deviations
	 * @param steps what to do, in order
	 */
	record Preprocessing(int channels, int height, int width, float[] channelMeans, float[] channelStds,
			List<String> steps) {
	}

	/**
	 * The card as Markdown.
	 * @return a page for people
	 */
	String markdown() {
		StringBuilder page = new StringBuilder();
		page.append("# Model card: ").append(this.model.name()).append("\n\n");
		page.append("Run ")
			.append(this.model.runId())
			.append(", checkpoint ")
			.append(this.model.checkpointId())
			.append(" (epoch ")
			.append(this.model.epoch())
			.append(", step ")
			.append(this.model.step())
			.append(")");
		if (this.model.version() != null) {
			page.append(", version ").append(this.model.version());
		}
		page.append(".\n\n## Data\n\n");
		page.append("- data set: `")
			.append(this.data.dataset())
			.append("`, split ")
			.append(this.data.split())
			.append('\n');
		if (this.data.images() != null) {
			SplitCounts images = this.data.images();
			page.append("- images: ")
				.append(images.labeled())
				.append(" labeled, ")
				.append(count(images.unlabeled()))
				.append(" unlabeled, ")
				.append(count(images.validation()))
				.append(" validation, ")
				.append(images.test())
				.append(" test\n");
		}
		page.append("- ")
			.append(this.data.classNames().size())
			.append(" classes: ")
			.append(String.join(", ", this.data.classNames()))
			.append("\n\n## Training\n\n");
		page.append("- ")
			.append(this.training.algorithm())
			.append(" from preset `")
			.append(this.training.preset().id())
			.append("`, ")
			.append(number(this.training.trainedMinutes(), "%.1f"))
			.append(" minutes on ")
			.append(this.training.devices())
			.append(" (")
			.append(this.training.worker())
			.append(")\n");
		page.append("- hyperparameters: ")
			.append(this.training.hyperparameters()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " " + entry.getValue())
				.collect(Collectors.joining(", ")))
			.append("\n\n## Results\n\n| split | top-1 | top-5 |\n|---|---|---|\n");
		page.append("| validation | ")
			.append(share(this.results.validationTop1()))
			.append(" | ")
			.append(share(this.results.validationTop5()))
			.append(" |\n");
		if (this.results.test() != null) {
			page.append("| test | ")
				.append(share(this.results.test().top1()))
				.append(" | ")
				.append(share(this.results.test().top5()))
				.append(" |\n");
		}
		RunResponse.Classes classes = this.results.classes();
		if (classes != null) {
			page.append("\nOn ")
				.append(classes.split())
				.append(", balanced accuracy ")
				.append(share(classes.balancedAccuracy()))
				.append(":\n\n| class | images | accuracy |\n|---|---|---|\n");
			classes.classes()
				.forEach((c) -> page.append("| ")
					.append(c.name())
					.append(" | ")
					.append(c.images())
					.append(" | ")
					.append(share(c.accuracy()))
					.append(" |\n"));
		}
		page.append("\n## Use\n\nONNX file `")
			.append(this.onnx.file())
			.append("` (opset ")
			.append(this.onnx.opset())
			.append("), SHA-256 `")
			.append(this.onnx.sha256())
			.append("`.\n\n");
		this.preprocessing.steps().forEach((step) -> page.append("1. ").append(step).append('\n'));
		return page.toString();
	}

	private static String count(@Nullable Integer value) {
		return (value != null) ? value.toString() : "-";
	}

	private static String share(@Nullable Double value) {
		return (value != null) ? number(100 * value, "%.2f") + "%" : "-";
	}

	private static String number(double value, String format) {
		return String.format(Locale.ROOT, format, value);
	}

}
