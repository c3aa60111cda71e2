package io.simmixmatch.security;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/**
 * What a caller may do. Each role may do everything of the roles before it.
 */
public enum Role {

	/**
	 * Reads data sets, runs, curves, checkpoints, models and the service's metrics; asks
	 * for predictions.
	 */
	READER,

	/**
	 * Uploads and deletes data sets; launches and cancels runs; promotes checkpoints to
	 * models.
	 */
	TRAINER,

	/** Creates, lists and revokes API keys. */
	ADMIN;

	String authority() {
		return "ROLE_" + name();
	}

	static RoleHierarchy hierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(ADMIN.name())
			.implies(TRAINER.name())
			.role(TRAINER.name())
			.implies(READER.name())
			.build();
	}

}
