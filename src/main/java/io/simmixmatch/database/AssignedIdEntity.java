package io.simmixmatch.database;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An entity whose id is chosen before it is saved (a name, another row's id). Spring Data
 * takes an entity with an id for a stored one and merges it, reading it first; this one
 * says itself that it is new until it has been persisted or loaded.
 *
 * @param <I> the id's type
 */
@MappedSuperclass
public abstract class AssignedIdEntity<I> implements Persistable<I> {

	@Transient
	private boolean inserting = true;

	@Override
	public boolean isNew() {
		return this.inserting;
	}

	@PostPersist
	@PostLoad
	void stored() {
		this.inserting = false;
	}

}
