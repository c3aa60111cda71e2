package io.simmixmatch.inference;

import io.simmixmatch.inference.ModelExports.ExportedModel;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "export", description = "Trained models as ONNX files, for runtimes outside the service")
class ExportController {

	private final ModelExports exports;

	ExportController(ModelExports exports) {
		this.exports = exports;
	}

	/**
	 * What a model name (an alias or {@code run:{id}}) serves now, as an ONNX model:
	 * input {@code images} (N, C, H, W) with pixels in [0, 1], outputs {@code logits} and
	 * {@code probabilities}; the metadata properties hold the class names, the
	 * normalization the graph applies, the run and the checkpoint.
	 */
	@GetMapping(path = "/api/v1/models/{name}/model.onnx", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	ResponseEntity<byte[]> model(@PathVariable String name) {
		return download(this.exports.ofName(ModelName.parse(name, "name")));
	}

	/**
	 * One checkpoint of a run as an ONNX model, as
	 * {@code /api/v1/models/{name}/model.onnx}.
	 */
	@GetMapping(path = "/api/v1/runs/{id}/checkpoints/{checkpointId}/model.onnx",
			produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	ResponseEntity<byte[]> checkpoint(@PathVariable long id, @PathVariable long checkpointId) {
		return download(this.exports.ofCheckpoint(id, checkpointId));
	}

	private static ResponseEntity<byte[]> download(ExportedModel model) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + model.fileName() + "\"")
			.eTag(model.sha256())
			.body(model.bytes());
	}

}
