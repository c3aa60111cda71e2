package io.simmixmatch.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Set;

import io.simmixmatch.web.CsvDownloads;
import io.simmixmatch.web.PageResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "runs", description = "Launch training runs, follow their progress and curves, cancel them")
@RequestMapping("/api/v1/runs")
class RunController {

	private final RunService runs;

	private final RunQueries queries;

	private final RunEventStreams events;

	RunController(RunService runs, RunQueries queries, RunEventStreams events) {
		this.runs = runs;
		this.queries = queries;
		this.events = events;
	}

	/** Queues a run; it starts when a worker is free. */
	@PostMapping
	ResponseEntity<RunResponse> create(@Valid @RequestBody CreateRunRequest request, @Nullable Principal caller) {
		RunResponse run = this.runs.create(request, (caller != null) ? caller.getName() : null);
		return ResponseEntity.accepted()
			.location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(run.id()).toUri())
			.body(run);
	}

	@GetMapping
	PageResponse<RunResponse> list(@RequestParam(defaultValue = "") Set<RunStatus> status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.queries.list(status, page, size);
	}

	@GetMapping("/{id}")
	RunResponse get(@PathVariable long id) {
		return this.queries.get(id);
	}

	/**
	 * Asks a run to stop: a queued run is cancelled at once, a running one after its
	 * current step. Clients watch the status.
	 */
	@PostMapping("/{id}/cancel")
	ResponseEntity<RunResponse> cancel(@PathVariable long id) {
		return ResponseEntity.accepted().body(this.runs.cancel(id));
	}

	/**
	 * Streams the run's changes as server-sent events: {@code run} on every status or
	 * progress change, {@code epoch} for every recorded epoch; it starts with the run and
	 * its curve so far and ends when the run has ended.
	 */
	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable long id) {
		return this.events.open(id);
	}

	@GetMapping(path = "/{id}/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
	List<EpochMetricResponse> metrics(@PathVariable long id) {
		return this.queries.metrics(id);
	}

	@GetMapping(path = "/{id}/metrics", produces = CsvDownloads.TEXT_CSV)
	ResponseEntity<String> metricsCsv(@PathVariable long id) {
		return CsvDownloads.attachment("run-" + id + "-metrics.csv", EpochMetricsCsv.write(this.queries.metrics(id)));
	}

	@GetMapping("/{id}/checkpoints")
	List<CheckpointResponse> checkpoints(@PathVariable long id) {
		return this.queries.checkpoints(id);
	}

	/**
	 * A checkpoint's file, checked against its SHA-256: the zip the command line writes,
	 * which {@code train --resume} continues from.
	 */
	@GetMapping(path = "/{id}/checkpoints/{checkpointId}/file", produces = "application/zip")
	ResponseEntity<StreamingResponseBody> checkpointFile(@PathVariable long id, @PathVariable long checkpointId)
			throws IOException {
		Path file = this.queries.checkpointFile(id, checkpointId);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"run-" + id + "-checkpoint-" + checkpointId + ".ckpt\"")
			.contentLength(Files.size(file))
			.body((out) -> {
				try {
					Files.copy(file, out);
				}
				finally {
					Files.delete(file);
				}
			});
	}

}
