package io.simmixmatch.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title, version and authentication of the OpenAPI document at {@code /v3/api-docs}:
 * every operation takes a bearer credential (an API key or a token), so Swagger UI's
 * "Authorize" button works where authentication is on.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "bearer";

	@Bean
	OpenAPI simMixMatchOpenApi(ObjectProvider<BuildProperties> build) {
		String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev");
		return new OpenAPI()
			.info(new Info().title("SimMixMatch API")
				.version(version)
				.description("Train semi-supervised image classifiers (MixMatch with a contrastive loss over K views) "
						+ "and follow their runs. Errors are RFC 9457 problem details."))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("An API key (smm_...) or, with OAuth2, a JWT; "
								+ "not needed where the service listens on loopback only")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
