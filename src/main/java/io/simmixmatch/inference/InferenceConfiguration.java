package io.simmixmatch.inference;

import java.util.List;

import io.simmixmatch.web.BodyLimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InferenceProperties.class)
class InferenceConfiguration {

	/** Prediction requests carry images: they may be larger than other requests. */
	@Bean
	BodyLimit predictionBodyLimit(InferenceProperties properties) {
		return new BodyLimit(List.of("/api/v1/predict", "/v2/"), properties.maxRequestSize());
	}

	/**
	 * A multipart prediction holds one part per image: the container's part limit follows
	 * {@code maxImages}, with room above it so that a request over it is told that limit.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> multipartPartLimit(InferenceProperties properties) {
		return (factory) -> factory
			.addConnectorCustomizers((connector) -> connector.setMaxPartCount(2 * properties.maxImages()));
	}

}
