package io.simmixmatch.security;

import java.security.Principal;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated API key: its name is the caller's name in runs, limits and logs.
 *
 * @param name the key's name
 * @param role what the key may do
 */
record Caller(String name, Role role) implements Principal {

	@Override
	public String getName() {
		return this.name;
	}

	AbstractAuthenticationToken authentication() {
		AbstractAuthenticationToken token = new AbstractAuthenticationToken(
				List.of(new SimpleGrantedAuthority(this.role.authority()))) {

			@Override
			public Object getCredentials() {
				return "";
			}

			@Override
			public Object getPrincipal() {
				return Caller.this;
			}

		};
		token.setAuthenticated(true);
		return token;
	}

}
