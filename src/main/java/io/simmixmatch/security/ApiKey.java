package io.simmixmatch.security;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** An API key as stored: its SHA-256, never the key. */
@Entity
@Table(name = "api_key")
class ApiKey {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	private String name;

	@Enumerated(EnumType.STRING)
	private Role role;

	private String prefix;

	private byte[] secretHash;

	private @Nullable String createdBy;

	private Instant createdAt;

	private @Nullable Instant revokedAt;

	protected ApiKey() {
		this.name = "";
		this.role = Role.READER;
		this.prefix = "";
		this.secretHash = new byte[0];
		this.createdAt = Instant.EPOCH;
	}

	ApiKey(String name, Role role, String prefix, byte[] secretHash, @Nullable String createdBy, Instant createdAt) {
		this.name = name;
		this.role = role;
		this.prefix = prefix;
		this.secretHash = secretHash.clone();
		this.createdBy = createdBy;
		this.createdAt = createdAt;
	}

	void revoke(Instant now) {
		if (this.revokedAt == null) {
			this.revokedAt = now;
		}
	}

	boolean isRevoked() {
		return this.revokedAt != null;
	}

	Caller caller() {
		return new Caller(this.name, this.role);
	}

	long getId() {
		if (this.id == null) {
			throw new IllegalStateException("API key not saved yet");
		}
		return this.id;
	}

	String getName() {
		return this.name;
	}

	Role getRole() {
		return this.role;
	}

	String getPrefix() {
		return this.prefix;
	}

	@Nullable String getCreatedBy() {
		return this.createdBy;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	@Nullable Instant getRevokedAt() {
		return this.revokedAt;
	}

}
