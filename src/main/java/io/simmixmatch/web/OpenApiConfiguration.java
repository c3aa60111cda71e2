package io.simmixmatch.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and version of the OpenAPI document at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI simMixMatchOpenApi(ObjectProvider<BuildProperties> build) {
		String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev");
		return new OpenAPI().info(new Info().title("SimMixMatch API")
			.version(version)
			.description("Train semi-supervised image classifiers (MixMatch with a contrastive loss over K views) "
					+ "and follow their runs. Errors are RFC 9457 problem details."));
	}

}
