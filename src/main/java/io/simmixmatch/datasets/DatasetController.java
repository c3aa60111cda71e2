package io.simmixmatch.datasets;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "datasets", description = "The data sets runs train on: the built-in one and those users upload")
@RequestMapping("/api/v1/datasets")
class DatasetController {

	private final DatasetRepository datasets;

	private final DatasetUploads uploads;

	private final DatasetProperties properties;

	DatasetController(DatasetRepository datasets, DatasetUploads uploads, DatasetProperties properties) {
		this.datasets = datasets;
		this.uploads = uploads;
		this.properties = properties;
	}

	/**
	 * Uploads an archive in the image-folder layout; it is imported in the background.
	 * @param fields {@code name} and the optional {@code channels}, {@code imageSize},
	 * {@code validationPerClass} and {@code testPerClass}
	 * @param archive a zip, tar or tar.gz archive
	 * @param caller who uploads it
	 * @return 202 with the data set, IMPORTING
	 * @throws IOException if the archive cannot be saved or read
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DatasetResponse> upload(@RequestParam Map<String, String> fields,
			@RequestPart(name = "archive", required = false) @Nullable MultipartFile archive,
			@Nullable Principal caller) throws IOException {
		if (archive == null || archive.isEmpty()) {
			throw ApiProblems.invalidFields(List.of(new FieldError("archive", "must be a non-empty file part")));
		}
		UploadRequest request = UploadRequest.of(fields, this.properties.maxImageSize());
		DatasetResponse dataset = this.uploads.start(request, archive, (caller != null) ? caller.getName() : null);
		return ResponseEntity.accepted().location(URI.create("/api/v1/datasets/" + dataset.id())).body(dataset);
	}

	@GetMapping
	@Transactional(readOnly = true)
	List<DatasetResponse> list() {
		return this.datasets.findAll(Sort.by("id")).stream().map(DatasetResponse::of).toList();
	}

	@GetMapping("/{id}")
	@Transactional(readOnly = true)
	DatasetResponse get(@PathVariable String id) {
		return this.datasets.findById(id)
			.map(DatasetResponse::of)
			.orElseThrow(() -> ApiProblems.notFound("data set", id));
	}

	@DeleteMapping("/{id}")
	DatasetResponse delete(@PathVariable String id) {
		return this.uploads.delete(id);
	}

}
