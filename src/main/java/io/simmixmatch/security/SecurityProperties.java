package io.simmixmatch.security;

import java.time.Duration;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Authentication settings ({@code simmixmatch.security.*}).
 *
 * @param mode how callers authenticate; {@code auto} turns authentication off only where
 * the server binds to a loopback address
 * @param adminKey an API key with the ADMIN role that needs no database row, to create
 * the first keys (from a secret); unset for none
 * @param keyCacheTtl how long an instance trusts what it looked up about a key; a
 * revocation reaches every instance at once through the database, this bounds it if that
 * message is lost
 */
@ConfigurationProperties("simmixmatch.security")
@Validated
record SecurityProperties(@DefaultValue("auto") SecurityMode mode, @Nullable @Size(min = 32) String adminKey,
		@DefaultValue("30s") Duration keyCacheTtl) {

}
