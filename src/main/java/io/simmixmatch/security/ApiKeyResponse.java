package io.simmixmatch.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An API key as listed: never the key itself.
 *
 * @param id its id
 * @param name who or what uses it
 * @param role what it may do
 * @param prefix the first characters of the key, to tell keys apart
 * @param createdBy who created it
 * @param createdAt when
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record ApiKeyResponse(long id, String name, Role role, String prefix, @Nullable String createdBy,
		Instant createdAt, @Nullable Instant revokedAt) {

	static ApiKeyResponse of(ApiKey key) {
		return new ApiKeyResponse(key.getId(), key.getName(), key.getRole(), key.getPrefix(), key.getCreatedBy(),
				key.getCreatedAt(), key.getRevokedAt());
	}

}
