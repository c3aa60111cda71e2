package io.simmixmatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.simmixmatch.training.NativeAllocator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart as Helm itself lints and renders it (the Helm library of helm-java, no helm
 * binary): with the values a cluster starts from, GPU workers, S3 storage and an external
 * PostgreSQL, every object is a Kubernetes object that carries what it must.
 */
class HelmChartTest {

	private static final Path CHART = Path.of("helm/simmixmatch");

	private static final YAMLMapper yaml = new YAMLMapper();

	// An env var that holds a credential: it must come from a Secret.
	private static final Pattern CREDENTIAL = Pattern.compile(".*(PASSWORD|SECRET|KEY|TOKEN).*");

	@Test
	void helmLintsTheChartStrictly() {
		LintResult lint = new Helm(CHART).lint().strict().call();

		assertThat(lint.isFailed()).as(lint.getMessages().toString()).isFalse();
		assertThat(lint.getMessages()).allMatch((message) -> message.startsWith("[INFO]"));
	}

	@Test
	void theDefaultsWithAnExistingDatabaseSecretRenderAnApiAndGpuWorkers() {
		List<JsonNode> objects = render(Map.of("database.existingSecret", "simmixmatch-db"));

		assertThat(objects).extracting((object) -> object.get("kind").asString())
			.containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "Deployment");
		objects.forEach(HelmChartTest::assertWellFormed);
		JsonNode api = deployment(objects, "api");
		assertThat(api.at("/spec/replicas").asInt()).isEqualTo(2);
		assertThat(container(api).has("readinessProbe")).as("the API takes traffic when ready").isTrue();
		JsonNode worker = deployment(objects, "worker");
		assertThat(container(worker).at("/resources/limits").get("nvidia.com/gpu").asInt()).isOne();
		assertThat(worker.at("/spec/template/spec/nodeSelector").get("nvidia.com/gpu.present").asString())
			.isEqualTo("true");
		assertThat(worker.at("/spec/template/spec/tolerations/0/key").asString()).isEqualTo("nvidia.com/gpu");
		assertThat(worker.at("/spec/strategy/rollingUpdate/maxSurge").asInt()).isZero();
		assertThat(env(worker, "SPRING_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asString())
			.isEqualTo("simmixmatch-db");
		assertThat(env(worker, "GLIBC_TUNABLES").get("value").asString()).as("the training allocator")
			.isEqualTo(NativeAllocator.TUNABLES);
	}

	@Test
	void gpuWorkersTrainOnTheirDeviceAndOneGpuEach() {
		List<JsonNode> objects = render(Map.of("database.existingSecret", "simmixmatch-db", "worker.device", "gpu0",
				"worker.replicas", 4, "worker.image.repository", "simmixmatch-cuda"));

		objects.forEach(HelmChartTest::assertWellFormed);
		JsonNode worker = deployment(objects, "worker");
		assertThat(worker.at("/spec/replicas").asInt()).isEqualTo(4);
		assertThat(container(worker).get("image").asString()).startsWith("simmixmatch-cuda:");
		assertThat(env(worker, "SIMMIXMATCH_WORKERS_DEVICE").get("value").asString()).isEqualTo("gpu0");
		assertThat(container(worker).at("/resources/limits").get("nvidia.com/gpu").asInt()).isOne();
		assertThat(container(deployment(objects, "api")).get("image").asString()).startsWith("simmixmatch:");
	}

	@Test
	void anEmptyAllocatorSettingLeavesWorkersOnGlibcsDefaults() {
		List<JsonNode> objects = render(
				Map.of("database.existingSecret", "simmixmatch-db", "worker.glibcTunables", ""));

		assertThat(container(deployment(objects, "worker")).get("env"))
			.extracting((variable) -> variable.get("name").asString())
			.contains("SIMMIXMATCH_WORKERS_DEVICE")
			.doesNotContain("GLIBC_TUNABLES");
	}

	@Test
	void s3StorageIsConfiguredAndItsCredentialsComeFromASecret() {
		List<JsonNode> objects = render(Map.of("database.existingSecret", "simmixmatch-db", "storage.type", "s3",
				"storage.s3.bucket", "models", "storage.s3.endpoint", "http://minio:9000", "storage.s3.pathStyle", true,
				"storage.s3.existingSecret", "simmixmatch-s3"));

		objects.forEach(HelmChartTest::assertWellFormed);
		JsonNode config = object(objects, "ConfigMap").get("data");
		assertThat(config.get("SIMMIXMATCH_STORAGE_TYPE").asString()).isEqualTo("s3");
		assertThat(config.get("SIMMIXMATCH_STORAGE_S3_BUCKET").asString()).isEqualTo("models");
		assertThat(config.get("SIMMIXMATCH_STORAGE_S3_ENDPOINT").asString()).isEqualTo("http://minio:9000");
		for (String role : List.of("api", "worker")) {
			assertThat(env(deployment(objects, role), "SIMMIXMATCH_STORAGE_S3_SECRETACCESSKEY")
				.at("/valueFrom/secretKeyRef/name")
				.asString()).isEqualTo("simmixmatch-s3");
		}
	}

	@Test
	void anExternalPostgreSqlWithAPasswordGetsASecretThatThePodsReference() {
		List<JsonNode> objects = render(
				Map.of("database.host", "db.internal", "database.port", 6432, "database.password", "correct-horse"));

		objects.forEach(HelmChartTest::assertWellFormed);
		assertThat(object(objects, "ConfigMap").at("/data/SPRING_DATASOURCE_URL").asString())
			.isEqualTo("jdbc:postgresql://db.internal:6432/simmixmatch");
		String secret = object(objects, "Secret").at("/metadata/name").asString();
		assertThat(env(deployment(objects, "api"), "SPRING_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name")
			.asString()).isEqualTo(secret);
		assertThat(yaml.writeValueAsString(object(objects, "ConfigMap"))).doesNotContain("correct-horse");
	}

	@Test
	void theOptionalObjectsRenderAsKubernetesObjects() {
		List<JsonNode> objects = render(Map.of("database.existingSecret", "simmixmatch-db", "ingress.enabled", true,
				"api.autoscaling.enabled", true, "serviceMonitor.enabled", true));

		objects.forEach(HelmChartTest::assertWellFormed);
		assertThat(objects).extracting((object) -> object.get("kind").asString())
			.contains("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor", "PodMonitor");
		assertThat(object(objects, "HorizontalPodAutoscaler").at("/spec/scaleTargetRef/name").asString())
			.isEqualTo(deployment(objects, "api").at("/metadata/name").asString());
		assertThat(deployment(objects, "api").at("/spec/replicas").isMissingNode())
			.as("the autoscaler owns the replicas")
			.isTrue();
	}

	@Test
	void theValuesSchemaRefusesAWrongTypeBeforeAnythingRenders() {
		assertThatThrownBy(() -> render(Map.of("database.existingSecret", "db", "api.replicas", "two")))
			.hasMessageContaining("api.replicas")
			.hasMessageContaining("schema");
	}

	private static List<JsonNode> render(Map<String, Object> values) {
		TemplateCommand template = new Helm(CHART).template().withName("smm");
		values.forEach(template::set);
		List<JsonNode> objects = new ArrayList<>();
		List<JsonNode> documents = yaml.readerFor(JsonNode.class).<JsonNode>readValues(template.call()).readAll();
		for (JsonNode document : documents) {
			if (document != null && !document.isNull() && !document.isEmpty()) {
				objects.add(document);
			}
		}
		return objects;
	}

	// What every rendered object must carry: identity, and for a pod template probes,
	// resources, a non-root user without privileges, and credentials from Secrets only.
	private static void assertWellFormed(JsonNode object) {
		String kind = object.get("kind").asString();
		assertThat(object.get("apiVersion").asString()).as(kind).isNotBlank();
		assertThat(object.at("/metadata/name").asString()).as(kind).startsWith("smm-");
		if (!kind.equals("Deployment")) {
			return;
		}
		JsonNode pod = object.at("/spec/template/spec");
		assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
		for (JsonNode container : pod.get("containers")) {
			String name = container.get("name").asString();
			assertThat(container.has("livenessProbe")).as(name).isTrue();
			assertThat(container.has("startupProbe")).as(name).isTrue();
			assertThat(container.at("/resources/requests/cpu").isMissingNode()).as(name).isFalse();
			assertThat(container.at("/resources/requests/memory").isMissingNode()).as(name).isFalse();
			assertThat(container.at("/resources/limits/memory").isMissingNode()).as(name).isFalse();
			assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
			assertThat(container.at("/securityContext/capabilities/drop/0").asString()).as(name).isEqualTo("ALL");
			for (JsonNode variable : container.path("env")) {
				if (CREDENTIAL.matcher(variable.get("name").asString()).matches()) {
					assertThat(variable.has("value")).as(name + " " + variable.get("name")).isFalse();
					assertThat(variable.at("/valueFrom/secretKeyRef/name").asString()).isNotBlank();
				}
			}
		}
	}

	private static JsonNode object(List<JsonNode> objects, String kind) {
		return objects.stream()
			.filter((object) -> object.get("kind").asString().equals(kind))
			.findFirst()
			.orElseThrow();
	}

	private static JsonNode deployment(List<JsonNode> objects, String component) {
		return objects.stream()
			.filter((object) -> object.get("kind").asString().equals("Deployment"))
			.filter((object) -> object.at("/metadata/labels")
				.get("app.kubernetes.io/component")
				.asString()
				.equals(component))
			.findFirst()
			.orElseThrow();
	}

	private static JsonNode container(JsonNode deployment) {
		return deployment.at("/spec/template/spec/containers/0");
	}

	private static JsonNode env(JsonNode deployment, String name) {
		for (JsonNode variable : container(deployment).get("env")) {
			if (variable.get("name").asString().equals(name)) {
				return variable;
			}
		}
		throw new AssertionError(name + " is not set");
	}

}
