package io.simmixmatch;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The SimMixMatch service: trains semi-supervised image classifiers and serves their
 * predictions.
 */
@SpringBootApplication
public class SimMixMatchApplication {

	public static void main(String[] args) {
		// DJL must never reach for a model zoo or a native download: the natives come
		// from
		// the classpath. Set before any DJL class initializes; an explicit -D wins.
		if (System.getProperty("ai.djl.offline") == null) {
			System.setProperty("ai.djl.offline", "true");
		}
		SpringApplication.run(SimMixMatchApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
