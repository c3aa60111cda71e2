package io.simmixmatch.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An uploaded zip, tar or tar.gz archive, recognized by its content rather than its name.
 * Every entry is checked before its bytes are handed on: no path that climbs out
 * ({@code ..}) or starts at a root, no links, no device files, and the limits on entries
 * and unpacked bytes, counted as the bytes come.
 *
 * @param file the archive
 * @param limits what it may unpack to
 */
public record ImageArchive(Path file, ArchiveLimits limits) implements ImageSource {

	private static final int TAR_MAGIC_OFFSET = 257;

	private static final byte[] TAR_MAGIC = "ustar".getBytes(StandardCharsets.US_ASCII);

	/** Below this, a high ratio is a small archive of small files, not a bomb. */
	private static final long RATIO_FLOOR_BYTES = 1 << 20;

	@Override
	public void forEachFile(FileVisitor visitor) throws IOException, InvalidDatasetException {
		Budget budget = new Budget(Files.size(this.file));
		byte[] head = new byte[TAR_MAGIC_OFFSET + TAR_MAGIC.length];
		int headLength;
		try (InputStream in = Files.newInputStream(this.file)) {
			headLength = in.readNBytes(head, 0, head.length);
		}
		try {
			if (headLength >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
				readZip(visitor, budget);
			}
			else if (headLength >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
				try (InputStream in = new GzipCompressorInputStream(
						new BufferedInputStream(Files.newInputStream(this.file)))) {
					readTar(new BufferedInputStream(in), visitor, budget);
				}
			}
			else if (isTar(head, headLength)) {
				try (InputStream in = new BufferedInputStream(Files.newInputStream(this.file))) {
					readTar(in, visitor, budget);
				}
			}
			else {
				throw notAnArchive();
			}
		}
		catch (IOException ex) {
			// The archive's own bytes, read from a local file: a client's broken upload.
			throw InvalidDatasetException.invalid("The archive is damaged or cut short: " + ex.getMessage());
		}
	}

	private void readZip(FileVisitor visitor, Budget budget) throws IOException, InvalidDatasetException {
		try (ZipFile zip = ZipFile.builder().setPath(this.file).get()) {
			for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
				budget.countEntry();
				String name = checkedName(entry.getName());
				if (entry.isUnixSymlink()) {
					throw InvalidDatasetException
						.invalid("The archive's entry " + name + " is a link; links are refused");
				}
				if (!zip.canReadEntryData(entry)) {
					throw InvalidDatasetException
						.invalid("The archive's entry " + name + " is encrypted or compressed in a way not supported");
				}
				if (!entry.isDirectory()) {
					try (InputStream in = zip.getInputStream(entry)) {
						visit(visitor, name, budget.metered(name, in));
					}
				}
			}
		}
	}

	private static void readTar(InputStream in, FileVisitor visitor, Budget budget)
			throws IOException, InvalidDatasetException {
		in.mark(TAR_MAGIC_OFFSET + TAR_MAGIC.length);
		byte[] head = in.readNBytes(TAR_MAGIC_OFFSET + TAR_MAGIC.length);
		in.reset();
		if (!isTar(head, head.length)) {
			throw notAnArchive();
		}
		EndCheckingTarStream tar = new EndCheckingTarStream(in);
		for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
			budget.countEntry();
			String name = checkedName(entry.getName());
			if (entry.isSymbolicLink() || entry.isLink()) {
				throw InvalidDatasetException.invalid("The archive's entry " + name + " is a link; links are refused");
			}
			if (entry.isFile()) {
				visit(visitor, name, budget.metered(name, tar));
			}
			else if (!entry.isDirectory()) {
				throw InvalidDatasetException
					.invalid("The archive's entry " + name + " is neither a file nor a folder");
			}
		}
		if (!tar.ended()) {
			throw new IOException("the tar ends without its end-of-archive record");
		}
	}

	private static void visit(FileVisitor visitor, String name, InputStream content)
			throws IOException, InvalidDatasetException {
		try {
			visitor.visit(name, content);
		}
		catch (LimitExceeded ex) {
			throw InvalidDatasetException.tooLarge(ex.getMessage());
		}
	}

	// A tar's first header, or the end-of-archive record of zeros that an empty tar
	// begins with.
	private static boolean isTar(byte[] head, int length) {
		return length >= head.length && (Arrays.equals(head, TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + TAR_MAGIC.length,
				TAR_MAGIC, 0, TAR_MAGIC.length) || Arrays.equals(head, new byte[head.length]));
	}

	private static InvalidDatasetException notAnArchive() {
		return InvalidDatasetException.invalid("The upload is not a zip, tar or tar.gz archive");
	}

	// Entries name files inside the import's own folder: nothing absolute, nothing that
	// climbs out of it, whatever the separator.
	static String checkedName(String raw) throws InvalidDatasetException {
		String name = raw.replace('\\', '/');
		boolean absolute = name.startsWith("/") || name.matches("^[A-Za-z]:.*");
		boolean climbs = Arrays.asList(name.split("/")).contains("..");
		if (absolute || climbs || name.indexOf('\0') >= 0) {
			throw InvalidDatasetException
				.invalid("The archive's entry " + raw + " points outside the archive; such paths are refused");
		}
		return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
	}

	/** The limits, counted over one pass. */
	private final class Budget {

		private final long archiveBytes;

		private int entries;

		private long total;

		Budget(long archiveBytes) {
			this.archiveBytes = archiveBytes;
		}

		void countEntry() throws InvalidDatasetException {
			if (++this.entries > ImageArchive.this.limits.maxEntries()) {
				throw InvalidDatasetException
					.tooLarge("The archive has more than " + ImageArchive.this.limits.maxEntries() + " entries");
			}
		}

		InputStream metered(String name, InputStream in) {
			return new FilterInputStream(in) {

				private long entryBytes;

				@Override
				public int read() throws IOException {
					byte[] one = new byte[1];
					return (read(one, 0, 1) < 0) ? -1 : Byte.toUnsignedInt(one[0]);
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int read = super.read(buffer, offset, length);
					if (read > 0) {
						this.entryBytes += read;
						Budget.this.total += read;
						check(name, this.entryBytes);
					}
					return read;
				}

				@Override
				public void close() {
					// The archive's stream outlives its entries.
				}

			};
		}

		private void check(String name, long entryBytes) throws LimitExceeded {
			ArchiveLimits limits = ImageArchive.this.limits;
			if (entryBytes > limits.maxEntryBytes()) {
				throw new LimitExceeded(
						"The archive's entry " + name + " unpacks to more than " + limits.maxEntryBytes() + " bytes");
			}
			if (this.total > limits.maxTotalBytes()) {
				throw new LimitExceeded("The archive unpacks to more than " + limits.maxTotalBytes() + " bytes");
			}
			if (this.total > RATIO_FLOOR_BYTES && this.total > limits.maxRatio() * Math.max(1, this.archiveBytes)) {
				throw new LimitExceeded("The archive unpacks to more than " + limits.maxRatio()
						+ " times its size: refused as a likely zip bomb");
			}
		}

	}

	/**
	 * A limit reached inside a read: an {@link IOException}, since streams may throw
	 * nothing else, turned back into the rejection it is around each visit.
	 */
	private static final class LimitExceeded extends IOException {

		LimitExceeded(String message) {
			super(message);
		}

	}

	/**
	 * A tar stream that tells a complete archive from one cut at a header: the library
	 * reads a short header record as the end, where a complete tar ends with a record of
	 * zeros first.
	 */
	private static final class EndCheckingTarStream extends TarArchiveInputStream {

		private boolean ended;

		EndCheckingTarStream(InputStream in) {
			super(in);
		}

		@Override
		protected byte[] readRecord() throws IOException {
			byte[] record = super.readRecord();
			this.ended |= record != null && Arrays.equals(record, new byte[record.length]);
			return record;
		}

		boolean ended() {
			return this.ended;
		}

	}

}
