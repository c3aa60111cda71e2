package io.simmixmatch.inference;

import java.time.Instant;
import java.util.List;

import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "models", description = "Promote a run's best checkpoint to an alias such as production")
@RequestMapping("/api/v1/models")
class ModelController {

	private final ModelRegistry registry;

	ModelController(ModelRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Promotes a run's best checkpoint to a new version of the alias; predictions for the
	 * alias switch to it at once.
	 */
	@PutMapping("/{alias}")
	VersionResponse promote(@PathVariable String alias, @Valid @RequestBody PromoteRequest request) {
		return VersionResponse.of(this.registry.promote(alias(alias), request.runId()));
	}

	/** Every alias with the version it serves. */
	@GetMapping
	List<VersionResponse> list() {
		return this.registry.latest().stream().map(VersionResponse::of).toList();
	}

	/** An alias's versions, the serving one first. */
	@GetMapping("/{alias}")
	List<VersionResponse> history(@PathVariable String alias) {
		List<ModelVersion> versions = this.registry.history(alias(alias));
		if (versions.isEmpty()) {
			throw ApiProblems.notFound("model", alias);
		}
		return versions.stream().map(VersionResponse::of).toList();
	}

	private static ModelName.Alias alias(String name) {
		if (ModelName.parse(name, "alias") instanceof ModelName.Alias alias) {
			return alias;
		}
		throw ApiProblems
			.invalidFields(List.of(new FieldError("alias", "must not be run:<id>, which is not an alias")));
	}

	/**
	 * What to promote.
	 *
	 * @param runId the run whose best checkpoint the alias will serve
	 */
	record PromoteRequest(@NotNull @Positive Long runId) {
	}

	/**
	 * A version of an alias.
	 *
	 * @param alias the alias
	 * @param version its number, from 1
	 * @param runId the run that trained it
	 * @param checkpointId the promoted copy of the run's best checkpoint
	 * @param epoch the epoch of that checkpoint
	 * @param valTop1 its validation top-1 accuracy
	 * @param valTop5 its validation top-5 accuracy
	 * @param sha256 the checkpoint's SHA-256
	 * @param promotedAt when
	 */
	record VersionResponse(String alias, int version, long runId, long checkpointId, int epoch,
			@Nullable Double valTop1, @Nullable Double valTop5, String sha256, Instant promotedAt) {

		static VersionResponse of(ModelVersion version) {
			var checkpoint = version.checkpoint();
			return new VersionResponse(version.name().toString(), version.version(), checkpoint.runId(),
					checkpoint.id(), checkpoint.epoch(), checkpoint.valTop1(), checkpoint.valTop5(),
					checkpoint.sha256(), version.promotedAt());
		}

	}

}
