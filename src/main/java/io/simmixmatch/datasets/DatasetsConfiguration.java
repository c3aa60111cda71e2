package io.simmixmatch.datasets;

import java.util.List;

import io.simmixmatch.web.BodyLimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatasetProperties.class)
class DatasetsConfiguration {

	@Bean
	BodyLimit datasetUploadBodyLimit(DatasetProperties properties) {
		return new BodyLimit(List.of("/api/v1/datasets"), properties.maxUploadSize());
	}

}
