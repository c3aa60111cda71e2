package io.simmixmatch;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTest {

	private final ApplicationModules modules = ApplicationModules.of(SimMixMatchApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicApiAndFormNoCycles() {
		this.modules.verify();
	}

	@Test
	void writesTheModuleDiagram() {
		new Documenter(this.modules, "target/modules").writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
