package io.simmixmatch.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A key to issue.
 *
 * @param name who or what will use it: letters, digits, dots, dashes and underscores
 * @param role what it may do
 */
public record CreateKeyRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}") String name,
		@NotNull Role role) {

}
