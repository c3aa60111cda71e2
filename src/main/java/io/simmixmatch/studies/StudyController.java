package io.simmixmatch.studies;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.simmixmatch.runs.EpochMetricResponse;
import io.simmixmatch.web.CsvDownloads;
import io.simmixmatch.web.PageResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "studies", description = "Ablations and sweeps: a run per configuration and seed, compared with a baseline")
@RequestMapping("/api/v1/studies")
class StudyController {

	private final StudyService studies;

	private final StudyEventStreams events;

	StudyController(StudyService studies, StudyEventStreams events) {
		this.studies = studies;
		this.events = events;
	}

	/** Plans a study and queues its runs, all or none. */
	@PostMapping
	ResponseEntity<StudyResponse> create(@Valid @RequestBody CreateStudyRequest request, @Nullable Principal caller) {
		StudyResponse study = this.studies.create(request, (caller != null) ? caller.getName() : null);
		return ResponseEntity.accepted()
			.location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(study.id()).toUri())
			.body(study);
	}

	@GetMapping
	PageResponse<StudyResponse> list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.studies.list(page, size);
	}

	/**
	 * The study's table: per configuration its runs, mean and standard deviation over
	 * seeds, and the paired comparison with the baseline.
	 */
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	StudyResponse get(@PathVariable long id) {
		return this.studies.get(id);
	}

	@GetMapping(path = "/{id}", produces = CsvDownloads.TEXT_CSV)
	ResponseEntity<String> csv(@PathVariable long id) {
		return CsvDownloads.attachment("study-" + id + ".csv", StudyCsv.write(this.studies.get(id)));
	}

	/** The curves of the study's runs, by run id. */
	@GetMapping("/{id}/curves")
	Map<Long, List<EpochMetricResponse>> curves(@PathVariable long id) {
		return this.studies.curves(id);
	}

	/** Cancels the study's runs that have not ended. */
	@PostMapping("/{id}/cancel")
	ResponseEntity<StudyResponse> cancel(@PathVariable long id) {
		return ResponseEntity.accepted().body(this.studies.cancel(id));
	}

	/**
	 * Streams the study's changes as server-sent events: {@code study} (the study as
	 * {@code GET /studies/{id}} shows it) whenever one of its runs changes, and
	 * {@code epoch} ({@code runId} and one point of its curve) whenever one records an
	 * epoch; it ends when the study has ended.
	 */
	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable long id) {
		return this.events.open(id);
	}

}
