package io.simmixmatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTest {

	private final ApplicationModules modules = ApplicationModules.of(SimMixMatchApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicApiAndFormNoCycles() {
		this.modules.verify();
	}

	@Test
	void theModulesAndWhatEachUsesAreAsDrawn() {
		Map<String, Set<String>> dependencies = new TreeMap<>();
		for (ApplicationModule module : this.modules) {
			dependencies.put(module.getName(),
					module.getDependencies(this.modules)
						.uniqueModules()
						.map(ApplicationModule::getName)
						.collect(Collectors.toCollection(TreeSet::new)));
		}

		new Documenter(this.modules, "target/modules").writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();

		// The layers: data and training at the bottom, the service's modules above them.
		assertThat(dependencies).isEqualTo(Map.ofEntries(Map.entry("checkpoints", Set.of("storage", "training")),
				Map.entry("cli", Set.of("data", "onnx", "training")), Map.entry("data", Set.of()),
				Map.entry("database", Set.of()), Map.entry("datasets", Set.of("data", "database", "storage", "web")),
				Map.entry("inference",
						Set.of("checkpoints", "data", "database", "datasets", "onnx", "runs", "storage", "training",
								"web")),
				Map.entry("onnx", Set.of("training")),
				Map.entry("runs", Set.of("checkpoints", "database", "datasets", "training", "web")),
				Map.entry("security", Set.of("database", "storage", "web")), Map.entry("storage", Set.of()),
				Map.entry("studies", Set.of("database", "datasets", "runs", "training", "web")),
				Map.entry("training", Set.of("data")), Map.entry("web", Set.of("database", "training")),
				Map.entry("workers", Set.of("data", "database", "datasets", "runs", "storage", "training"))));
		assertThat(Path.of("target/modules/components.puml")).content()
			.contains(dependencies.keySet()
				.stream()
				.map((name) -> "\"" + Character.toUpperCase(name.charAt(0)) + name.substring(1)
						+ "\", $techn=\"Module\"")
				.toList());
	}

	@Test
	void everyModulesPublicTypeIsNamedInTheArchitecture() throws IOException {
		String architecture = Files.readString(Path.of("docs/ARCHITECTURE.md"));
		String listed = architecture.substring(architecture.indexOf("## Every module's public types"));
		Set<String> missing = new TreeSet<>();
		for (ApplicationModule module : this.modules) {
			String section = sectionOf(listed, module.getName());
			String basePackage = module.getBasePackage().getName();
			module.getBasePackage()
				.stream()
				.filter((type) -> type.getPackageName().equals(basePackage)
						&& type.getModifiers().contains(JavaModifier.PUBLIC) && type.isTopLevelClass())
				.map(JavaClass::getSimpleName)
				.filter((name) -> !section.contains("- `" + name + "`: "))
				.forEach((name) -> missing.add(module.getName() + "." + name));
		}
		assertThat(missing).as("public types without their line in docs/ARCHITECTURE.md").isEmpty();
	}

	// From the module's bold name to the next one.
	private static String sectionOf(String listed, String module) {
		int start = listed.indexOf("**" + module + "**");
		if (start < 0) {
			return "";
		}
		int end = listed.indexOf("\n**", start + 1);
		return listed.substring(start, (end < 0) ? listed.length() : end);
	}

}
