package io.simmixmatch.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/** How callers authenticate ({@code simmixmatch.security.mode}). */
public enum SecurityMode {

	/**
	 * {@link #NONE} where the server binds to a loopback address only, else
	 * {@link #API_KEYS}.
	 */
	AUTO,

	/** Every caller may do everything: for a service only its own machine can reach. */
	NONE,

	/** {@code Authorization: Bearer <key>} or {@code X-API-Key}, with the key's role. */
	API_KEYS,

	/** OAuth2 bearer tokens (JWT) from an issuer; the roles come from a claim. */
	OAUTH2;

	/**
	 * The mode in effect.
	 * @param serverAddress {@code server.address}, or null for every interface
	 * @return this mode, or what {@link #AUTO} means for that address
	 */
	SecurityMode resolve(@Nullable String serverAddress) {
		if (this != AUTO) {
			return this;
		}
		return isLoopback(serverAddress) ? NONE : API_KEYS;
	}

	private static boolean isLoopback(@Nullable String address) {
		if (address == null || address.isBlank()) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
