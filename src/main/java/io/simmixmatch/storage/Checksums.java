package io.simmixmatch.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the checksum of every stored file. */
public final class Checksums {

	private Checksums() {
	}

	/**
	 * The SHA-256 of a file.
	 * @param file the file
	 * @return its checksum, in lowercase hex
	 * @throws IOException if it cannot be read
	 */
	public static String sha256(Path file) throws IOException {
		MessageDigest digest = sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return hex(digest);
	}

	/**
	 * The SHA-256 of bytes in memory.
	 * @param bytes the bytes
	 * @return their checksum, in lowercase hex
	 */
	public static String sha256(byte[] bytes) {
		return HexFormat.of().formatHex(digest(bytes));
	}

	/**
	 * The SHA-256 digest of bytes in memory.
	 * @param bytes the bytes
	 * @return the 32 bytes of their digest
	 */
	public static byte[] digest(byte[] bytes) {
		return sha256().digest(bytes);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

}
