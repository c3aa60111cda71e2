package io.simmixmatch.datasets;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.simmixmatch.data.ImagePixels;
import io.simmixmatch.data.ImageSet;
import io.simmixmatch.data.ImageSetCache;
import io.simmixmatch.storage.StoredBlob;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import io.simmixmatch.web.PageResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
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

	private static final int MAX_SAMPLES = 32;

	private final DatasetRepository datasets;

	private final DatasetUploads uploads;

	private final DatasetProperties properties;

	private final DatasetFiles files;

	DatasetController(DatasetRepository datasets, DatasetUploads uploads, DatasetProperties properties,
			DatasetFiles files) {
		this.datasets = datasets;
		this.uploads = uploads;
		this.properties = properties;
		this.files = files;
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
	PageResponse<DatasetResponse> list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return PageResponse
			.of(this.datasets.findAll(PageRequest.of(page, size, Sort.by("id"))).map(DatasetResponse::of));
	}

	@GetMapping("/{id}")
	@Transactional(readOnly = true)
	DatasetResponse get(@PathVariable String id) {
		return this.datasets.findById(id)
			.map(DatasetResponse::of)
			.orElseThrow(() -> ApiProblems.notFound("data set", id));
	}

	/**
	 * A strip of a few labeled images of one class, at the size training sees them.
	 * @param id an uploaded, READY data set
	 * @param className the class
	 * @param count how many images, 1 to 32
	 * @return a PNG
	 * @throws IOException if the images cannot be read
	 */
	@GetMapping(value = "/{id}/samples", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> samples(@PathVariable String id, @RequestParam("class") String className,
			@RequestParam(defaultValue = "8") int count) throws IOException {
		if (count < 1 || count > MAX_SAMPLES) {
			throw ApiProblems.invalidFields(List.of(new FieldError("count", "must be between 1 and " + MAX_SAMPLES)));
		}
		Dataset dataset = this.datasets.findById(id).orElseThrow(() -> ApiProblems.notFound("data set", id));
		StoredBlob blob = dataset.getBlob();
		if (dataset.getStatus() != DatasetStatus.READY || blob == null) {
			throw ApiProblems.conflict("Samples are kept for uploaded data sets that are READY; '" + id + "' is "
					+ dataset.getFormat() + ", " + dataset.getStatus());
		}
		int label = dataset.getClassNames().indexOf(className);
		if (label < 0) {
			throw ApiProblems.invalidFields(
					List.of(new FieldError("class", "'" + className + "' is not a class of data set '" + id + "'")));
		}
		ImageSet images = ImageSetCache.readSample(this.files.localCopy(blob), label, count);
		return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(strip(images));
	}

	// Side by side, 2 pixels apart.
	private static byte[] strip(ImageSet images) throws IOException {
		int gap = 2;
		BufferedImage strip = new BufferedImage(Math.max(1, images.size() * (images.width() + gap) - gap),
				images.height(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = strip.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, strip.getWidth(), strip.getHeight());
		for (int i = 0; i < images.size(); i++) {
			graphics.drawImage(
					ImagePixels.toImage(images.pixels(), i, images.channels(), images.height(), images.width()),
					i * (images.width() + gap), 0, null);
		}
		graphics.dispose();
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(strip, "png", png);
		return png.toByteArray();
	}

	@DeleteMapping("/{id}")
	DatasetResponse delete(@PathVariable String id) {
		return this.uploads.delete(id);
	}

}
