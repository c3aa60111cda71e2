package io.simmixmatch.inference;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.simmixmatch.onnx.OnnxExport;
import io.simmixmatch.runs.ArchivedCheckpoint;
import io.simmixmatch.runs.CheckpointArchive;
import io.simmixmatch.storage.Checksums;
import io.simmixmatch.web.ApiProblems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Checkpoints as ONNX models: a model name as it resolves now, or one checkpoint of a
 * run. The network comes from the model cache, loaded once for predictions and exports
 * alike; writing reads its weights and changes nothing.
 */
@Service
class ModelExports {

	private static final Logger log = LoggerFactory.getLogger(ModelExports.class);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private final ModelRegistry registry;

	private final CheckpointArchive checkpoints;

	private final ModelCache models;

	ModelExports(ModelRegistry registry, CheckpointArchive checkpoints, ModelCache models) {
		this.registry = registry;
		this.checkpoints = checkpoints;
		this.models = models;
	}

	/**
	 * Exports what a model name serves now.
	 * @param name an alias or {@code run:{id}}
	 * @return the ONNX model
	 * @throws org.springframework.web.ErrorResponseException 404 if the name serves
	 * nothing, 503 if its checkpoint cannot be loaded
	 */
	ExportedModel ofName(ModelName name) {
		ModelVersion version = this.registry.resolve(name).orElseThrow(() -> ApiProblems.notFound("model", name));
		return export(version.checkpoint(), name + ((version.version() != null) ? "-v" + version.version() : ""),
				version.version());
	}

	/**
	 * Exports a checkpoint of a run.
	 * @param runId the run
	 * @param checkpointId its checkpoint
	 * @return the ONNX model
	 * @throws org.springframework.web.ErrorResponseException 404 if the run has no such
	 * checkpoint, 503 if it cannot be loaded
	 */
	ExportedModel ofCheckpoint(long runId, long checkpointId) {
		ArchivedCheckpoint checkpoint = this.checkpoints.find(checkpointId)
			.filter((found) -> found.runId() == runId)
			.orElseThrow(() -> ApiProblems.notFound("checkpoint", checkpointId + " of run " + runId));
		return export(checkpoint, "run-" + runId + "-checkpoint-" + checkpointId, null);
	}

	private ExportedModel export(ArchivedCheckpoint checkpoint, String name, @Nullable Integer aliasVersion) {
		Map<String, String> provenance = new LinkedHashMap<>();
		provenance.put("run_id", Long.toString(checkpoint.runId()));
		provenance.put("checkpoint_id", Long.toString(checkpoint.id()));
		provenance.put("checkpoint_sha256", checkpoint.sha256());
		if (aliasVersion != null) {
			provenance.put("model_version", name);
		}
		try {
			byte[] onnx = OnnxExport.of(this.models.get(checkpoint).classifier(), provenance);
			return new ExportedModel(name.replace(':', '-') + ".onnx", onnx, Checksums.sha256(onnx));
		}
		catch (UncheckedIOException ex) {
			log.error("Cannot load checkpoint {} to export it", checkpoint.id(), ex);
			throw ApiProblems.unavailable("Checkpoint " + checkpoint.id() + " cannot be loaded", RETRY_AFTER);
		}
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
