package io.simmixmatch.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * {@code POST /api/v1/predict?model=production}: images as multipart files (any part
 * names), as the raw bytes of one image, or as JSON with base64 strings; the answer holds
 * the top-5 classes of each image.
 */
@RestController
@Tag(name = "predict", description = "Classify images with a model alias or a run's best checkpoint")
@RequestMapping("/api/v1/predict")
class PredictionController {

	private final PredictionService predictions;

	private final InferenceProperties properties;

	PredictionController(PredictionService predictions, InferenceProperties properties) {
		this.predictions = predictions;
		this.properties = properties;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	PredictionResponse predictFiles(@RequestParam(required = false) @Nullable String model,
			MultipartHttpServletRequest request) throws IOException {
		List<byte[]> images = new ArrayList<>();
		for (List<MultipartFile> files : request.getMultiFileMap().values()) {
			for (MultipartFile file : files) {
				images.add(file.getBytes());
			}
		}
		return this.predictions.predict(model(model), images);
	}

	@PostMapping(consumes = { MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE, MediaType.IMAGE_GIF_VALUE,
			"image/bmp", MediaType.APPLICATION_OCTET_STREAM_VALUE })
	PredictionResponse predictBytes(@RequestParam(required = false) @Nullable String model, HttpServletRequest request)
			throws IOException {
		return this.predictions.predict(model(model), List.of(request.getInputStream().readAllBytes()));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	PredictionResponse predictJson(@RequestParam(required = false) @Nullable String model,
			@Valid @RequestBody Base64Images body) {
		List<byte[]> images = new ArrayList<>();
		for (int i = 0; i < body.images().size(); i++) {
			try {
				images.add(Base64.getDecoder().decode(body.images().get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw ApiProblems.invalidFields(List.of(new FieldError("images[" + i + "]", "is not base64")));
			}
		}
		return this.predictions.predict(model(model), images);
	}

	private ModelName model(@Nullable String model) {
		return ModelName.parse(Objects.requireNonNullElse(model, this.properties.defaultModel()), "model");
	}

	/**
	 * Images in JSON.
	 *
	 * @param images each image file, base64-encoded
	 */
	record Base64Images(@NotNull @NotEmpty List<@NotNull String> images) {
	}

}
