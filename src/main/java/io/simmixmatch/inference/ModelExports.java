package io.simmixmatch.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ai.djl.Device;

import io.simmixmatch.checkpoints.Checkpoints;
import io.simmixmatch.checkpoints.StoredCheckpoint;
import io.simmixmatch.datasets.DatasetCatalog;
import io.simmixmatch.datasets.DatasetInfo;
import io.simmixmatch.onnx.OnnxExport;
import io.simmixmatch.runs.RunCatalog;
import io.simmixmatch.runs.RunResponse;
import io.simmixmatch.storage.Checksums;
import io.simmixmatch.training.CheckpointMetadata;
import io.simmixmatch.training.Classifier;
import io.simmixmatch.training.CheckpointKind;
import io.simmixmatch.web.ApiProblems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Checkpoints for use outside the service: as ONNX models, with a model card. A model
 * name is exported as it resolves now, or one checkpoint of a run. The network comes from
 * the model cache, loaded once for predictions and exports alike; writing reads its
 * weights and changes nothing.
 */
@Service
class ModelExports {

	private static final Logger log = LoggerFactory.getLogger(ModelExports.class);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private final ModelRegistry registry;

	private final Checkpoints checkpoints;

	private final RunCatalog runs;

	private final DatasetCatalog datasets;

	ModelExports(ModelRegistry registry, Checkpoints checkpoints, RunCatalog runs, DatasetCatalog datasets) {
		this.registry = registry;
		this.checkpoints = checkpoints;
		this.runs = runs;
		this.datasets = datasets;
	}

	/**
	 * What a model name serves now.
	 * @param name an alias or {@code run:{id}}
	 * @return its checkpoint, to export
	 * @throws org.springframework.web.ErrorResponseException 404 if the name serves
	 * nothing
	 */
	Exportable ofName(ModelName name) {
		ModelVersion version = this.registry.resolve(name).orElseThrow(() -> ApiProblems.notFound("model", name));
		String label = name + ((version.version() != null) ? "-v" + version.version() : "");
		return new Exportable(version.checkpoint(), name.toString(), version.version(), label.replace(':', '-'));
	}

	/**
	 * A checkpoint of a run.
	 * @param runId the run
	 * @param checkpointId its checkpoint
	 * @return the checkpoint, to export
	 * @throws org.springframework.web.ErrorResponseException 404 if the run has no such
	 * checkpoint
	 */
	Exportable ofCheckpoint(long runId, long checkpointId) {
		StoredCheckpoint checkpoint = this.checkpoints.find(checkpointId)
			.filter((found) -> found.runId() == runId)
			.orElseThrow(() -> ApiProblems.notFound("checkpoint", checkpointId + " of run " + runId));
		String label = "run-" + runId + "-checkpoint-" + checkpointId;
		return new Exportable(checkpoint, label, null, label);
	}

	/**
	 * Writes a checkpoint as an ONNX model.
	 * @param exportable the checkpoint
	 * @return the model
	 * @throws org.springframework.web.ErrorResponseException 503 if it cannot be loaded
	 */
	ExportedModel onnx(Exportable exportable) {
		return withClassifier(exportable.checkpoint(), (classifier) -> onnx(exportable, classifier));
	}

	private static ExportedModel onnx(Exportable exportable, Classifier classifier) {
		StoredCheckpoint checkpoint = exportable.checkpoint();
		Map<String, String> provenance = new LinkedHashMap<>();
		provenance.put("run_id", Long.toString(checkpoint.runId()));
		provenance.put("checkpoint_id", Long.toString(checkpoint.id()));
		provenance.put("checkpoint_sha256", checkpoint.sha256());
		if (exportable.version() != null) {
			provenance.put("model_version", exportable.name() + " v" + exportable.version());
		}
		byte[] onnx = OnnxExport.of(classifier, provenance);
		return new ExportedModel(exportable.fileLabel() + ".onnx", onnx, Checksums.sha256(onnx));
	}

	/**
	 * Describes a checkpoint and its ONNX model.
	 * @param exportable the checkpoint
	 * @return its card
	 * @throws org.springframework.web.ErrorResponseException 503 if it cannot be loaded
	 */
	ModelCard card(Exportable exportable) {
		return withClassifier(exportable.checkpoint(),
				(classifier) -> card(exportable, classifier.metadata(), onnx(exportable, classifier)));
	}

	private ModelCard card(Exportable exportable, CheckpointMetadata metadata, ExportedModel onnx) {
		StoredCheckpoint checkpoint = exportable.checkpoint();
		RunResponse run = this.runs.view(checkpoint.runId())
			.orElseThrow(() -> ApiProblems.notFound("run", checkpoint.runId()));
		DatasetInfo dataset = this.datasets.find(run.datasetId()).orElse(null);
		// The run measured test and per-class results on its best checkpoint, once it
		// ended.
		boolean measured = this.checkpoints.find(run.id(), CheckpointKind.BEST)
			.filter((best) -> best.sha256().equals(checkpoint.sha256()))
			.isPresent();
		return new ModelCard(
				new ModelCard.Model(exportable.name(), exportable.version(), run.id(), checkpoint.id(),
						metadata.epoch(), metadata.step()),
				new ModelCard.Data(run.datasetId(),
						(dataset != null && dataset.counts() != null) ? "by the archive's folders"
								: "by plan: " + run.hyperparameters().get("labelsPerClass") + " labeled and "
										+ run.hyperparameters().get("validationPerClass")
										+ " validation images per class, seed " + run.hyperparameters().get("seed"),
						(dataset != null) ? dataset.counts() : null, metadata.classNames()),
				new ModelCard.Training(run.algorithm(), run.preset(), run.hyperparameters(),
						metadata.trainedSeconds() / 60, run.execution().worker(), run.execution().devices()),
				new ModelCard.Results(checkpoint.valTop1(), checkpoint.valTop5(), measured ? run.test() : null,
						measured ? run.classes() : null),
				new ModelCard.Onnx(onnx.fileName(), onnx.sha256(), OnnxExport.OPSET), preprocessing(metadata));
	}

	private static ModelCard.Preprocessing preprocessing(CheckpointMetadata metadata) {
		String colour = (metadata.channels() == 3) ? "RGB" : "grayscale";
		List<String> steps = List.of("Decode the image and convert it to " + colour + ".",
				"Resize it bilinearly to " + metadata.width() + " x " + metadata.height() + " pixels.",
				"Scale each value to [0, 1] (divide by 255) and lay it out channel-major: (N, " + metadata.channels()
						+ ", " + metadata.height() + ", " + metadata.width() + ").",
				"Feed it as `images`; the graph subtracts the channel means and divides by the standard"
						+ " deviations itself. `probabilities` holds the softmax over the classes, by index.");
		return new ModelCard.Preprocessing(metadata.channels(), metadata.height(), metadata.width(),
				metadata.normalization().mean(), metadata.normalization().std(), steps);
	}

	private <T> T withClassifier(StoredCheckpoint checkpoint, Function<Classifier, T> use) {
		Path file = null;
		try {
			file = Files.createTempFile("export-" + checkpoint.id() + "-", ".ckpt");
			this.checkpoints.download(checkpoint, file);
			try (Classifier classifier = Classifier.load(file, Device.cpu())) {
				return use.apply(classifier);
			}
		}
		catch (IOException ex) {
			log.error("Cannot load checkpoint {} to export it", checkpoint.id(), ex);
			throw ApiProblems.unavailable("Checkpoint " + checkpoint.id() + " cannot be loaded", RETRY_AFTER);
		}
		finally {
			deleteQuietly(file);
		}
	}

	private static void deleteQuietly(@Nullable Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				log.warn("Cannot delete {}", file, ex);
			}
		}
	}

	/**
	 * A checkpoint to export.
	 *
	 * @param checkpoint the checkpoint
	 * @param name what it was asked for by
	 * @param version the alias's version, null for a run or checkpoint
	 * @param fileLabel a name for its files
	 */
	record Exportable(StoredCheckpoint checkpoint, String name, @Nullable Integer version, String fileLabel) {

	}

	/**
	 * An exported model.
	 *
	 * @param fileName a file name for it
	 * @param bytes the ONNX model
	 * @param sha256 their SHA-256, hex
	 */
	record ExportedModel(String fileName, byte[] bytes, String sha256) {

	}

}
