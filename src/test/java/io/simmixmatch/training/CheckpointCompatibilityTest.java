package io.simmixmatch.training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkpoints written by earlier versions still read. */
class CheckpointCompatibilityTest {

	@TempDir
	Path dir;

	@Test
	void metadataFromBeforeFixMatchAndTimeBudgetsReadsWhatItLacksAsUnset() throws IOException {
		ObjectNode old = currentMetadata();
		((ObjectNode) old.get("hyperparameters")).remove(List.of("threshold", "lambdaPseudo", "weighting",
				"distributionAlignment", "maxMinutes", "warmupEpochs", "labelSmoothing", "batchNormMomentum"));
		old.remove("trainedSeconds");

		CheckpointMetadata read = CheckpointFile.readMetadata(checkpointOf(old));

		assertThat(read.hyperparameters().lambdaU()).isEqualTo(75);
		assertThat(read.hyperparameters().threshold()).isZero();
		assertThat(read.hyperparameters().weighting()).as("unread by MixMatch").isEqualTo(Weighting.THRESHOLD);
		assertThat(read.hyperparameters().distributionAlignment()).isFalse();
		assertThat(read.hyperparameters().maxMinutes()).isZero();
		assertThat(read.hyperparameters().warmupEpochs()).isZero();
		assertThat(read.hyperparameters().labelSmoothing()).isZero();
		assertThat(read.hyperparameters().batchNormMomentum()).as("unread by serving").isZero();
		assertThat(read.step()).isEqualTo(300);
		assertThat(read.trainedSeconds()).isZero();
	}

	@Test
	void metadataFromBeforeTheWeightingReadsTheOneItsBooleansNamed() throws IOException {
		ObjectNode old = currentMetadata();
		ObjectNode hyperparameters = (ObjectNode) old.get("hyperparameters");
		hyperparameters.remove("weighting");
		hyperparameters.put("flexMatch", true).put("softMatch", false).put("freeMatch", false);

		assertThat(CheckpointFile.readMetadata(checkpointOf(old)).hyperparameters().weighting())
			.isEqualTo(Weighting.FLEXMATCH);
	}

	private static ObjectNode currentMetadata() {
		CheckpointMetadata current = new CheckpointMetadata(CheckpointMetadata.FORMAT_VERSION, Algorithm.MIXMATCH,
				Preset.FASHION_MNIST.hyperparameters(), "fashion-mnist", List.of("a", "b"), 1, 28, 28,
				new Normalization(new float[] { 0.3f }, new float[] { 0.2f }), 3, 300, 95.5, null, 0, List.of());
		return JsonMapper.shared().valueToTree(current);
	}

	private Path checkpointOf(ObjectNode metadata) throws IOException {
		Path file = this.dir.resolve("old.ckpt");
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("metadata.json"));
			zip.write(JsonMapper.shared().writeValueAsBytes(metadata));
			zip.closeEntry();
		}
		return file;
	}

	@Test
	void flexMatchsPseudoLabelsFromBeforeSoftMatchAreTheWeightingsState() throws IOException {
		// Image 0's latest confident prediction is class 2, image 1 has none.
		byte[] latest = { 0, 0, 0, 2, -1, -1, -1, -1 };
		Path file = this.dir.resolve("flexmatch.ckpt");
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (String name : List.of("metadata.json", "model.params", "ema.params", "optimizer.ndlist")) {
				zip.putNextEntry(new ZipEntry(name));
				zip.closeEntry();
			}
			zip.putNextEntry(new ZipEntry("pseudo-labels.ints"));
			zip.write(latest);
			zip.closeEntry();
		}

		assertThat(CheckpointFile.read(file).pseudoLabelWeighting()).isEqualTo(latest);
	}

}
