package io.simmixmatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.simmixmatch.storage.Checksums;
import io.simmixmatch.database.PostgresNotifications;
import io.simmixmatch.web.ApiProblems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists, revokes and checks API keys. A key is 256 random bits, so one SHA-256 of
 * it is as safe to store as a slow password hash would be, and it can be looked up by
 * that hash. What an instance learned about a key it trusts for
 * {@code simmixmatch.security.key-cache-ttl}; a revocation clears every instance's cache
 * at once ({@code NOTIFY api_key_revoked}).
 */
@Service
public class ApiKeys {

	/** The name of the configured admin key. */
	static final String BOOTSTRAP_ADMIN = "admin";

	private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

	private static final String REVOKED = "api_key_revoked";

	private static final String KEY_PREFIX = "smm_";

	private static final int SHOWN_PREFIX_LENGTH = KEY_PREFIX.length() + 8;

	private static final int CACHED_KEYS = 10_000;

	private final ApiKeyRepository keys;

	private final PostgresNotifications notifications;

	private final Clock clock;

	private final Duration cacheTtl;

	private final byte @Nullable [] adminKeyHash;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
			return size() > CACHED_KEYS;
		}

	};

	ApiKeys(ApiKeyRepository keys, PostgresNotifications notifications, Clock clock, SecurityProperties properties) {
		this.keys = keys;
		this.notifications = notifications;
		this.clock = clock;
		this.cacheTtl = properties.keyCacheTtl();
		this.adminKeyHash = (properties.adminKey() != null) ? sha256(properties.adminKey()) : null;
		notifications.subscribe(REVOKED, (id) -> clearCache());
	}

	/**
	 * Issues a key; the key itself is in the answer only.
	 * @param request its name and role
	 * @param createdBy who asks, or null where authentication is off
	 * @return the key, with its secret
	 */
	@Transactional
	public IssuedKey create(CreateKeyRequest request, @Nullable String createdBy) {
		if (request.name().equals(BOOTSTRAP_ADMIN) || this.keys.existsByName(request.name())) {
			throw ApiProblems.conflict("The key name '" + request.name() + "' is taken; names are never reused");
		}
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		ApiKey saved = this.keys.save(new ApiKey(request.name(), request.role(), key.substring(0, SHOWN_PREFIX_LENGTH),
				sha256(key), createdBy, this.clock.instant()));
		log.info("API key {} '{}' ({}) created by {}", saved.getId(), saved.getName(), saved.getRole(), createdBy);
		return new IssuedKey(ApiKeyResponse.of(saved), key);
	}

	@Transactional(readOnly = true)
	public List<ApiKeyResponse> list() {
		return this.keys.findAllByOrderByIdDesc().stream().map(ApiKeyResponse::of).toList();
	}

	/**
	 * Revokes a key: from now on every instance refuses it. Revoking it again changes
	 * nothing.
	 * @param id the key
	 * @return the key as revoked
	 */
	@Transactional
	public ApiKeyResponse revoke(long id) {
		ApiKey key = this.keys.findById(id).orElseThrow(() -> ApiProblems.notFound("API key", id));
		if (!key.isRevoked()) {
			key.revoke(this.clock.instant());
			this.keys.saveAndFlush(key);
			this.notifications.send(REVOKED, Long.toString(id));
			log.info("API key {} '{}' revoked", id, key.getName());
		}
		clearCache();
		return ApiKeyResponse.of(key);
	}

	/**
	 * Who presents this key: from the cache when this instance looked it up lately, so
	 * most requests do not touch the database.
	 * @param presented the key as the request carries it
	 * @return the caller, or empty if no valid key is that
	 */
	Optional<Caller> authenticate(String presented) {
		byte[] hash = sha256(presented);
		if (this.adminKeyHash != null && MessageDigest.isEqual(hash, this.adminKeyHash)) {
			return Optional.of(new Caller(BOOTSTRAP_ADMIN, Role.ADMIN));
		}
		String cacheKey = HexFormat.of().formatHex(hash);
		long now = System.nanoTime();
		Cached cached = cached(cacheKey);
		if (cached != null && now - cached.checkedAt() < this.cacheTtl.toNanos()) {
			return cached.caller();
		}
		Optional<Caller> caller = this.keys.findBySecretHash(hash)
			.filter((key) -> !key.isRevoked())
			.map(ApiKey::caller);
		synchronized (this.cache) {
			this.cache.put(cacheKey, new Cached(caller, now));
		}
		return caller;
	}

	private @Nullable Cached cached(String cacheKey) {
		synchronized (this.cache) {
			return this.cache.get(cacheKey);
		}
	}

	private void clearCache() {
		synchronized (this.cache) {
			this.cache.clear();
		}
	}

	private static byte[] sha256(String key) {
		return Checksums.digest(key.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A new key and the only time its secret is shown.
	 *
	 * @param details what is stored of it
	 * @param key the key to present in {@code Authorization: Bearer}
	 */
	public record IssuedKey(@JsonUnwrapped ApiKeyResponse details, String key) {

	}

	private record Cached(Optional<Caller> caller, long checkedAt) {

	}

}
