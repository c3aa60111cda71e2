package io.simmixmatch.web;

import io.simmixmatch.training.StrictJson;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API reads requests as strictly as the command line reads its options: a typo, a
 * wrong type or a number for an enum is a 400, not a guess.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return StrictJson::configure;
	}

}
