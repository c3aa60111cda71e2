package io.simmixmatch.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth2 bearer tokens: signed JWTs checked against the issuer's public key, roles from
 * the {@code roles} claim.
 */
@SpringBootTest(properties = "simmixmatch.security.mode=oauth2")
@AutoConfigureMockMvc
class OAuth2SecurityTest {

	private static final KeyPair ISSUER = rsaKeyPair();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void issuerPublicKey(DynamicPropertyRegistry registry) throws IOException {
		Path pem = Files.createTempFile("issuer-", ".pub");
		pem.toFile().deleteOnExit();
		Files.writeString(pem,
				"-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(ISSUER.getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
	}

	@Test
	void aTrainerTokenLaunchesARunInItsSubjectsName() {
		assertThat(launch(token("ci-pipeline", List.of("TRAINER"), ISSUER, Duration.ofMinutes(5))))
			.hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.createdBy")
			.isEqualTo("ci-pipeline");
	}

	@Test
	void aReaderTokenReadsButCannotLaunch() {
		String reader = token("dashboard", List.of("READER"), ISSUER, Duration.ofMinutes(5));
		long runs = countRuns();
		assertThat(this.mvc.get().uri("/api/v1/runs").header(HttpHeaders.AUTHORIZATION, "Bearer " + reader))
			.hasStatus(HttpStatus.OK);
		assertThat(launch(reader)).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(countRuns()).isEqualTo(runs);
	}

	@Test
	void expiredForgedAndRolelessTokensAreRefused() {
		long runs = countRuns();
		assertThat(launch(token("late", List.of("TRAINER"), ISSUER, Duration.ofMinutes(-5))))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(launch(token("forger", List.of("ADMIN"), rsaKeyPair(), Duration.ofMinutes(5))))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(launch(token("nobody", List.of(), ISSUER, Duration.ofMinutes(5)))).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(launch("not-a-jwt")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(countRuns()).isEqualTo(runs);
	}

	private MvcTestResult launch(String token) {
		return Launches.launch(this.mvc, token);
	}

	private long countRuns() {
		return this.jdbc.queryForObject("select count(*) from training_run", Long.class);
	}

	private static String token(String subject, List<String> roles, KeyPair signer, Duration validFor) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("roles", roles)
			.issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
			.expirationTime(Date.from(now.plus(validFor)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
