package io.simmixmatch;

import java.time.Clock;
import java.util.Arrays;

import io.simmixmatch.cli.TrainCommand;
import io.simmixmatch.training.NativeAllocator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The SimMixMatch service: trains semi-supervised image classifiers and serves their
 * predictions. With {@code train} as its first argument it trains one run from the
 * command line instead, without starting the service.
 */
@SpringBootApplication
public class SimMixMatchApplication {

	public static void main(String[] args) {
		// DJL must never reach for a model zoo or a native download: the natives come
		// from the classpath. Set before any DJL class initializes; an explicit -D wins.
		if (System.getProperty("ai.djl.offline") == null) {
			System.setProperty("ai.djl.offline", "true");
		}
		NativeAllocator.retainFreedMemory();
		if (args.length > 0 && args[0].equals("train")) {
			System.exit(TrainCommand.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(SimMixMatchApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
