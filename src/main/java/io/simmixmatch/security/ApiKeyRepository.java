package io.simmixmatch.security;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

	Optional<ApiKey> findBySecretHash(byte[] secretHash);

	boolean existsByName(String name);

	List<ApiKey> findAllByOrderByIdDesc();

}
