package io.simmixmatch.security;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.simmixmatch.security.ApiKeys.IssuedKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys, for admins: issue, list, revoke. */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "API keys")
class ApiKeyController {

	private final ApiKeys keys;

	ApiKeyController(ApiKeys keys) {
		this.keys = keys;
	}

	@PostMapping
	@Operation(summary = "Issue a key; the answer is the only place the key is shown")
	ResponseEntity<IssuedKey> create(@Valid @RequestBody CreateKeyRequest request, @Nullable Principal caller) {
		IssuedKey issued = this.keys.create(request, (caller != null) ? caller.getName() : null);
		return ResponseEntity.created(URI.create("/api/v1/keys/" + issued.details().id())).body(issued);
	}

	@GetMapping
	@Operation(summary = "Every key, newest first, revoked ones included")
	List<ApiKeyResponse> list() {
		return this.keys.list();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a key: every instance refuses it from now on")
	ApiKeyResponse revoke(@PathVariable long id) {
		return this.keys.revoke(id);
	}

}
