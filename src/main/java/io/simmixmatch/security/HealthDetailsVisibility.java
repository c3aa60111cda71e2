package io.simmixmatch.security;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Who sees the details of {@code /actuator/health} (data directory paths, worker names,
 * run ids, loaded models): authenticated callers where authentication is on, everybody
 * where it is off (every caller may do everything there). Decided from the same mode the
 * filter chain resolves, before the actuator reads its settings; an operator's own
 * {@code management.endpoint.health.show-details} wins.
 */
class HealthDetailsVisibility implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		SecurityMode mode = Binder.get(environment)
			.bind("simmixmatch.security.mode", SecurityMode.class)
			.orElse(SecurityMode.AUTO)
			.resolve(environment.getProperty("server.address"));
		String show = (mode == SecurityMode.NONE) ? "always" : "when-authorized";
		environment.getPropertySources()
			.addLast(new MapPropertySource("healthDetailsVisibility", Map.of("management.endpoint.health.show-details",
					show, "management.endpoint.health.show-components", show)));
	}

	// After the configuration files are read.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
