package io.simmixmatch.security;

import java.util.Arrays;

import io.simmixmatch.database.DatabaseAvailability;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One filter chain for the whole service: stateless, no sessions, no CSRF (nothing is
 * authenticated by cookie), every refusal a problem detail. Which requests need which
 * {@link Role} is written once, in {@link #authorize}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SecurityProperties.class, RateLimitProperties.class })
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** The dashboard's pages, the API's documentation and the probes: open to anyone. */
	static final RequestMatcher PUBLIC = new OrRequestMatcher(
			matching(HttpMethod.GET, "/", "/*.html", "/*.css", "/js/**", "/webjars/**", "/favicon.ico",
					"/swagger-ui/**", "/v3/api-docs/**"),
			matching(null, "/error", "/actuator/health/**", "/actuator/info", "/v2/health/**"));

	@Bean
	static RoleHierarchy roleHierarchy() {
		return Role.hierarchy();
	}

	/**
	 * A URL the firewall refuses (encoded slashes, dot segments) gets a problem detail.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(ProblemResponses problems) {
		return problems::rejected;
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, Environment environment,
			ApiKeys keys, ProblemResponses problems, RateLimitProperties rateLimits, DatabaseAvailability database,
			ObjectProvider<JwtDecoder> jwtDecoder) {
		String address = environment.getProperty("server.address");
		SecurityMode mode = properties.mode().resolve(address);
		log.info("Authentication: {} (server.address {})", mode, (address != null) ? address : "all interfaces");
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler(problems::forbidden))
			.addFilterAfter(new RateLimitFilter(rateLimits, problems, System::nanoTime), AuthorizationFilter.class);
		switch (mode) {
			case NONE -> {
				if (SecurityMode.AUTO.resolve(address) != SecurityMode.NONE) {
					log.warn("Authentication is off while the service is reachable from other machines");
				}
				http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			}
			case API_KEYS -> http.authorizeHttpRequests(SecurityConfiguration::authorize)
				.addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems, database),
						AnonymousAuthenticationFilter.class);
			case OAUTH2 -> {
				if (jwtDecoder.getIfAvailable() == null) {
					throw new IllegalStateException("simmixmatch.security.mode=oauth2 needs the token issuer: set "
							+ "spring.security.oauth2.resourceserver.jwt.issuer-uri, jwk-set-uri or public-key-location");
				}
				http.authorizeHttpRequests(SecurityConfiguration::authorize)
					.oauth2ResourceServer((oauth2) -> oauth2.jwt(Customizer.withDefaults())
						.authenticationEntryPoint(problems::unauthorized)
						.accessDeniedHandler(problems::forbidden));
			}
			default -> throw new IllegalStateException("Unresolved security mode " + mode);
		}
		return http.build();
	}

	private static RequestMatcher matching(@Nullable HttpMethod method, String... paths) {
		return new OrRequestMatcher(Arrays.stream(paths)
			.<RequestMatcher>map((path) -> PathPatternRequestMatcher.withDefaults().matcher(method, path))
			.toList());
	}

	private static void authorize(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		String reader = Role.READER.name();
		String trainer = Role.TRAINER.name();
		String admin = Role.ADMIN.name();
		requests.requestMatchers(PUBLIC)
			.permitAll()
			.requestMatchers("/api/v1/keys/**")
			.hasRole(admin)
			.requestMatchers(HttpMethod.POST, "/api/v1/runs", "/api/v1/runs/*/cancel", "/api/v1/studies",
					"/api/v1/studies/*/cancel", "/api/v1/datasets")
			.hasRole(trainer)
			.requestMatchers(HttpMethod.DELETE, "/api/v1/datasets/*")
			.hasRole(trainer)
			.requestMatchers(HttpMethod.PUT, "/api/v1/models/*")
			.hasRole(trainer)
			.requestMatchers("/api/v1/**", "/v2/**", "/actuator/**")
			.hasRole(reader)
			.anyRequest()
			.authenticated();
	}

}
