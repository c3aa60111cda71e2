package io.simmixmatch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What some tests need from the machine. Where it is missing a developer's run skips the
 * test; under CI (the {@code CI} environment variable, which {@code .ci/run} and GitHub
 * Actions set) it fails, so that a missing browser cannot pass the build unnoticed.
 */
public final class Prerequisites {

	private Prerequisites() {
	}

	/**
	 * Skips the test, or under CI fails it, unless a prerequisite is present.
	 * @param present whether it is
	 * @param what what the test needs, and where it comes from
	 */
	public static void require(boolean present, String what) {
		if (System.getenv("CI") != null) {
			assertThat(present).as("CI runs every test; this one " + what).isTrue();
		}
		Assumptions.assumeTrue(present, what);
	}

	/**
	 * Finds a program as a shell would.
	 * @param name the program
	 * @return its path on {@code PATH}
	 */
	public static Optional<Path> onPath(String name) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
