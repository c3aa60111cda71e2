package io.simmixmatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.Device;
import io.simmixmatch.data.AtomicFiles;
import io.simmixmatch.data.DataSplit;
import io.simmixmatch.data.DatasetSource;
import io.simmixmatch.data.ImageSet;
import io.simmixmatch.data.LoadedDataset;
import io.simmixmatch.data.SplitPlan;
import io.simmixmatch.onnx.OnnxExport;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Classifier;
import io.simmixmatch.training.Devices;
import io.simmixmatch.training.HyperparameterOverrides;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.InvalidHyperparametersException;
import io.simmixmatch.training.Preset;
import io.simmixmatch.training.SemiSupervisedTraining;
import io.simmixmatch.training.StrictJson;
import io.simmixmatch.training.TrainingOutcome;
import io.simmixmatch.training.TrainingSetup;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code train}: trains one run from the command line, with a progress bar, a line per
 * epoch, checkpoints under {@code --out}, and a JSON summary.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, description = {
		"Trains a classifier with SUPERVISED, MIXMATCH, SIMMIXMATCH, FIXMATCH or SIMFIXMATCH.",
		"Any hyperparameter is an option too, in kebab case: --epochs 5 --steps-per-epoch 50 --lambda-sim 0.5 ..." })
public final class TrainCommand implements Callable<Integer> {

	private static final JsonMapper json = StrictJson.configure(JsonMapper.builder())
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	@Option(names = "--algorithm", required = true,
			description = "SUPERVISED, MIXMATCH, SIMMIXMATCH, FIXMATCH or SIMFIXMATCH")
	Algorithm algorithm;

	@Option(names = "--dataset", defaultValue = "fashion-mnist",
			description = { "fashion-mnist (built in), idx:DIR for MNIST-style IDX files, or folder:DIR with",
					"labeled/<class>/*, unlabeled/**, optional val/<class>/* and test/<class>/* images",
					"(default: ${DEFAULT-VALUE})" })
	String dataset;

	@Option(names = "--image-size",
			description = "side of the square images of folder:DIR (default: 32 for RGB, 28 for grayscale)")
	@Nullable Integer imageSize;

	@Option(names = "--channels",
			description = "1 or 3: channels of the images of folder:DIR (default: 3 if any image has colour)")
	@Nullable Integer channels;

	@Option(names = "--preset", defaultValue = "fashion-mnist",
			description = "seed, fashion-mnist, photo-32 or photo-96 (default: ${DEFAULT-VALUE})")
	String preset;

	@Option(names = "--out", description = "directory for checkpoints (default: runs/<algorithm>-<time>)")
	Path out;

	@Option(names = "--json-out", description = "where to write the JSON summary")
	Path jsonOut;

	@Option(names = "--data-dir", defaultValue = "./data",
			description = "data sets and caches (default: ${DEFAULT-VALUE})")
	Path dataDir;

	@Option(names = "--test-per-class", defaultValue = "" + SplitPlan.TEST_PER_CLASS,
			description = "images per class held out for testing, for data sets without a test set (default: ${DEFAULT-VALUE})")
	int testPerClass;

	@Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpuN (default: ${DEFAULT-VALUE})")
	String device;

	@Option(names = "--resume", description = "a checkpoint (such as OUT/last.ckpt) to continue from")
	Path resume;

	@Option(names = "--export-onnx", paramLabel = "FILE",
			description = "where to write the best checkpoint as an ONNX model, once the run completed")
	Path exportOnnx;

	@Unmatched
	List<String> hyperparameterOptions = new ArrayList<>();

	private final PrintStream console;

	public TrainCommand() {
		this(System.err);
	}

	TrainCommand(PrintStream console) {
		this.console = console;
	}

	/**
	 * Runs the command line.
	 * @param args the arguments after {@code train}
	 * @return the exit code
	 */
	public static int run(String... args) {
		return new CommandLine(new TrainCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
	}

	@Override
	public Integer call() throws IOException {
		Hyperparameters hyperparameters;
		try {
			hyperparameters = resolveHyperparameters();
		}
		catch (InvalidHyperparametersException | JacksonException | IllegalArgumentException ex) {
			this.console.println("Invalid hyperparameters: " + ex.getMessage());
			return CommandLine.ExitCode.USAGE;
		}
		Device target = Devices.parse(this.device);
		DatasetSource source = DatasetSource.parse(this.dataset, this.channels, this.imageSize);
		LoadedDataset dataset = source.load(this.dataDir, hyperparameters.splitPlan(this.testPerClass));
		ImageSet images = dataset.images();
		DataSplit split = dataset.split();
		Path checkpoints = (this.out != null) ? this.out : defaultOut();
		TrainingSetup setup = new TrainingSetup(this.algorithm, hyperparameters, images, split, target, checkpoints);
		this.console.printf("%s on %s: %d labeled, %d unlabeled, %d validation, %d test images; device %s%n",
				this.algorithm, images.name(), split.labeled().length, split.unlabeled().length,
				split.validation().length, split.test().length, target);
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch finished = new CountDownLatch(1);
		Thread interrupt = new Thread(() -> awaitStop(stop, finished));
		Runtime.getRuntime().addShutdownHook(interrupt);
		TrainingOutcome outcome;
		try {
			outcome = new SemiSupervisedTraining(setup).train(this.resume, new ConsoleProgress(this.console),
					stop::get);
		}
		finally {
			finished.countDown();
		}
		RunSummary summary = RunSummary.of(setup, source.format().splitByLayout(), Preset.fromId(this.preset), target,
				outcome);
		if (this.jsonOut != null) {
			Files.createDirectories(this.jsonOut.toAbsolutePath().getParent());
			json.writeValue(this.jsonOut.toFile(), summary);
		}
		this.console.println(summary.describe());
		if (!outcome.completed()) {
			return 130;
		}
		if (this.exportOnnx != null) {
			if (outcome.bestCheckpoint() == null) {
				this.console.println("--export-onnx: this run wrote no best checkpoint (nothing left to train)");
				return CommandLine.ExitCode.SOFTWARE;
			}
			exportOnnx(outcome.bestCheckpoint(), target);
		}
		return CommandLine.ExitCode.OK;
	}

	private void exportOnnx(Path checkpoint, Device target) throws IOException {
		try (Classifier classifier = Classifier.load(checkpoint, target)) {
			byte[] onnx = OnnxExport.of(classifier, Map.of("checkpoint", checkpoint.toString()));
			AtomicFiles.replace(this.exportOnnx, (file) -> Files.write(file, onnx));
		}
		this.console.println("ONNX model -> " + this.exportOnnx);
	}

	private Hyperparameters resolveHyperparameters() {
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			return new HyperparameterOverrides(json, validation.getValidator()).apply(Preset.fromId(this.preset),
					HyperparameterOptions.parse(this.hyperparameterOptions), this.algorithm);
		}
	}

	private Path defaultOut() {
		String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		return Path.of("runs", this.algorithm.name().toLowerCase() + "-" + time);
	}

	// On Ctrl-C: ask the loop to stop, and give it time to write its last checkpoint.
	private static void awaitStop(AtomicBoolean stop, CountDownLatch finished) {
		stop.set(true);
		try {
			finished.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Turns {@code --steps-per-epoch 50} and {@code --lambda-sim=0.5} into named values.
	 */
	static final class HyperparameterOptions {

		private HyperparameterOptions() {
		}

		static Map<String, Object> parse(List<String> options) {
			Map<String, Object> values = new LinkedHashMap<>();
			for (int i = 0; i < options.size(); i++) {
				String option = options.get(i);
				if (!option.startsWith("--")) {
					throw new IllegalArgumentException("Expected an option, found '" + option + "'");
				}
				String name = option.substring(2);
				String value;
				int equals = name.indexOf('=');
				if (equals >= 0) {
					value = name.substring(equals + 1);
					name = name.substring(0, equals);
				}
				else if (i + 1 < options.size()) {
					value = options.get(++i);
				}
				else {
					throw new IllegalArgumentException("Option --" + name + " needs a value");
				}
				values.put(camelCase(name), typed(value));
			}
			return values;
		}

		static String camelCase(String kebab) {
			StringBuilder camel = new StringBuilder();
			boolean upper = false;
			for (char c : kebab.toCharArray()) {
				if (c == '-') {
					upper = true;
				}
				else {
					camel.append(upper ? Character.toUpperCase(c) : c);
					upper = false;
				}
			}
			return camel.toString();
		}

		private static Object typed(String value) {
			if (value.equals("true") || value.equals("false")) {
				return Boolean.parseBoolean(value);
			}
			try {
				return Long.parseLong(value);
			}
			catch (NumberFormatException notAnInteger) {
				try {
					return Double.parseDouble(value);
				}
				catch (NumberFormatException notANumber) {
					return value;
				}
			}
		}

	}

}
