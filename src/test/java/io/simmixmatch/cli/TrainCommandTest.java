package io.simmixmatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.simmixmatch.data.ImageSetCache;
import io.simmixmatch.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	@TempDir
	Path dir;

	@Test
	void hyperparameterOptionsAreKebabCaseNamesWithTypedValues() {
		Map<String, Object> values = TrainCommand.HyperparameterOptions.parse(List.of("--steps-per-epoch", "50",
				"--lambda-sim=0.5", "--model", "WRN_28_2", "--strong-contrastive-views", "true"));

		assertThat(values).containsExactly(Map.entry("stepsPerEpoch", 50L), Map.entry("lambdaSim", 0.5),
				Map.entry("model", "WRN_28_2"), Map.entry("strongContrastiveViews", true));
	}

	@Test
	void anInvalidHyperparameterIsAUsageErrorThatNamesIt() {
		int exit = run("--algorithm", "mixmatch", "--epochs", "0", "--lamda-u", "3");

		assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
		assertThat(output()).contains("lamdaU unknown hyperparameter");
	}

	@Test
	void trainsAndWritesCheckpointsAJsonSummaryAndAnOnnxModel() throws Exception {
		// The built-in data set, already cached: a small synthetic stand-in.
		ImageSetCache.write(SyntheticImages.of(40, 2), this.dir.resolve("data/cache/fashion-mnist.smm"));
		Path summary = this.dir.resolve("summary.json");
		Path onnx = this.dir.resolve("export/model.onnx");

		int exit = run("--algorithm", "SIMMIXMATCH", "--data-dir", this.dir.resolve("data").toString(), "--out",
				this.dir.resolve("run").toString(), "--json-out", summary.toString(), "--epochs", "2",
				"--steps-per-epoch", "3", "--batch-size", "8", "--labels-per-class", "5", "--validation-per-class", "5",
				"--test-per-class", "5", "--device", "cpu", "--export-onnx", onnx.toString());

		assertThat(exit).isZero();
		assertThat(output()).contains("epoch   1", "epoch   2", "SIMMIXMATCH: best epoch");
		assertThat(this.dir.resolve("run/best.ckpt")).exists();
		JsonNode json = JsonMapper.shared().readTree(Files.readString(summary));
		assertThat(json.get("algorithm").asString()).isEqualTo("SIMMIXMATCH");
		assertThat(json.get("curve")).hasSize(2);
		assertThat(json.get("hyperparameters").get("batchSize").asInt()).isEqualTo(8);
		assertThat(json.get("hyperparameters").get("labelsPerClass").asInt()).isEqualTo(5);
		assertThat(json.get("bestTest").get("top5").asDouble()).isBetween(0.0, 1.0);
		assertThat(json.get("split").get("test").asInt()).isEqualTo(50);
		assertThat(output()).contains("ONNX model -> " + onnx);
		try (OrtSession session = OrtEnvironment.getEnvironment()
			.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
			assertThat(session.getInputNames()).containsExactly("images");
			assertThat(session.getOutputNames()).containsExactly("logits", "probabilities");
			assertThat(session.getMetadata().getCustomMetadata()).containsEntry("algorithm", "SIMMIXMATCH")
				.containsEntry("dataset", "synthetic")
				.containsKeys("class_names", "channel_means", "channel_stds", "input");
		}
	}

	private int run(String... args) {
		PrintStream out = new PrintStream(this.console, true, StandardCharsets.UTF_8);
		return new CommandLine(new TrainCommand(out)).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
	}

	private String output() {
		return this.console.toString(StandardCharsets.UTF_8);
	}

}
