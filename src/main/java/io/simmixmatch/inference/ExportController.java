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
@Tag(name = "export", description = "Trained models as ONNX files with their model cards, for use outside the service")
class ExportController {

	private static final String MODEL = "/api/v1/models/{name}";

	private static final String CHECKPOINT = "/api/v1/runs/{id}/checkpoints/{checkpointId}";

	private static final String MARKDOWN = "text/markdown";

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
	@GetMapping(path = MODEL + "/model.onnx", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	ResponseEntity<byte[]> model(@PathVariable String name) {
		return download(this.exports.onnx(this.exports.ofName(ModelName.parse(name, "name"))));
	}

	/**
	 * One checkpoint of a run as an ONNX model, as
	 * {@code /api/v1/models/{name}/model.onnx}.
	 */
	@GetMapping(path = CHECKPOINT + "/model.onnx", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	ResponseEntity<byte[]> checkpoint(@PathVariable long id, @PathVariable long checkpointId) {
		return download(this.exports.onnx(this.exports.ofCheckpoint(id, checkpointId)));
	}

	/**
	 * The model card of what a model name serves now: its data, training, results, ONNX
	 * file and preprocessing; as Markdown with {@code Accept: text/markdown}.
	 */
	@GetMapping(path = MODEL + "/model-card", produces = MediaType.APPLICATION_JSON_VALUE)
	ModelCard modelCard(@PathVariable String name) {
		return this.exports.card(this.exports.ofName(ModelName.parse(name, "name")));
	}

	@GetMapping(path = MODEL + "/model-card", produces = MARKDOWN)
	String modelCardMarkdown(@PathVariable String name) {
		return modelCard(name).markdown();
	}

	/**
	 * The model card of one checkpoint of a run, as
	 * {@code /api/v1/models/{name}/model-card}.
	 */
	@GetMapping(path = CHECKPOINT + "/model-card", produces = MediaType.APPLICATION_JSON_VALUE)
	ModelCard checkpointCard(@PathVariable long id, @PathVariable long checkpointId) {
		return this.exports.card(this.exports.ofCheckpoint(id, checkpointId));
	}

	@GetMapping(path = CHECKPOINT + "/model-card", produces = MARKDOWN)
	String checkpointCardMarkdown(@PathVariable long id, @PathVariable long checkpointId) {
		return checkpointCard(id, checkpointId).markdown();
	}

	private static ResponseEntity<byte[]> download(ExportedModel model) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + model.fileName() + "\"")
			.eTag(model.sha256())
			.body(model.bytes());
	}

}
