package io.simmixmatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.simmixmatch.training.NativeAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the deployment files without helm or docker: the chart's default
 * values satisfy its schema, the schema rejects malformed values, every value a template
 * reads exists, and compose's worker gets the training allocator.
 */
class DeploymentFilesTest {

	private static final Path CHART = Path.of("helm/simmixmatch");

	private static final YAMLMapper yaml = new YAMLMapper();

	private final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
		.getSchema(read(CHART.resolve("values.schema.json")));

	@Test
	void theDefaultValuesSatisfyTheSchema() {
		assertThat(this.schema.validate(defaults())).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/api/replicas             | "two"
			/api/replicas             | -1
			/service/type             | "Public"
			/database/port            | 70000
			/image/pullPolicy         | "Sometimes"
			/serviceMonitor/interval  | "often"
			/api/resources/limits     | {"memory": "lots"}
			/replicaCount             | 3
			/worker/device            | "gpu"
			/worker/terminationGracePeriodSeconds | 5
			/worker/resources/limits  | {"nvidia.com/gpu": "one"}
			/auth/mode                | "open"
			/auth/mode                | "oauth2"
			/serviceMonitor/apiKeySecret | {"name": "metrics"}
			/storage/type             | "gcs"
			/storage/type             | "s3"
			""")
	void theSchemaRejectsMalformedValues(String pointer, String json) {
		ObjectNode values = defaults();
		int slash = pointer.lastIndexOf('/');
		((ObjectNode) values.at(pointer.substring(0, slash).isEmpty() ? "" : pointer.substring(0, slash)))
			.set(pointer.substring(slash + 1), yaml.readTree(json));

		List<Error> errors = this.schema.validate(values);

		assertThat(errors).as("errors for %s = %s", pointer, json).isNotEmpty();
	}

	@Test
	void everyValueATemplateReadsHasADefault() throws IOException {
		Pattern reference = Pattern.compile("\\.Values((?:\\.[A-Za-z][A-Za-z0-9]*)+)");
		Set<String> missing = new TreeSet<>();
		try (Stream<Path> templates = Files.list(CHART.resolve("templates"))) {
			for (Path template : templates.toList()) {
				Matcher matcher = reference.matcher(Files.readString(template));
				while (matcher.find()) {
					String path = matcher.group(1);
					if (defaults().at(path.replace('.', '/')).isMissingNode()) {
						missing.add(template.getFileName() + ": .Values" + path);
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void composesWorkerStartsWithTheTrainingAllocator() {
		JsonNode worker = read(Path.of("docker/compose.yaml")).at("/services/worker/environment");

		assertThat(worker.path("GLIBC_TUNABLES").asString()).isEqualTo(NativeAllocator.TUNABLES);
	}

	private static ObjectNode defaults() {
		return (ObjectNode) read(CHART.resolve("values.yaml"));
	}

	private static JsonNode read(Path file) {
		return yaml.readTree(file.toFile());
	}

}
