package io.simmixmatch.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Turns files in the image-folder layout into a data set, in two passes over the
 * {@link ImageSource}. The layout: {@code labeled/<class>/*}, {@code unlabeled/**} and
 * optional {@code val/<class>/*} and {@code test/<class>/*}; a source whose files all lie
 * in one top-level folder is read from inside it; class names are the folder names.
 * <ol>
 * <li>{@link #scan}: paths and image headers only (size, colour), so that a wrong layout
 * or a limit is refused before anything is decoded, and the channels and image size are
 * settled;</li>
 * <li>{@link #decode}: every planned image decoded once, converted and resized.</li>
 * </ol>
 * Files that are not images, are corrupt or have too many pixels are skipped and counted
 * by reason; when they are most of the files, the import fails. Without {@code val/}, a
 * seeded share of each class's labeled images is held out for validation (a fifth, at
 * least one where a class has two or more); without {@code test/}, there is no test set
 * unless {@code testPerClass} asks for one.
 */
public final class DatasetImport {

	/** The folders of the layout. */
	private static final Map<String, Role> FOLDERS = Map.of("labeled", Role.LABELED, "val", Role.VALIDATION, "test",
			Role.TEST, "unlabeled", Role.UNLABELED);

	/** Hold-outs are drawn with a fixed seed: one data set, one split. */
	private static final long HOLD_OUT_SEED = 0;

	private DatasetImport() {
	}

	/**
	 * Scans and decodes in one go, as the command line reads a folder.
	 * @param source the files
	 * @param options the import's settings
	 * @param name the data set's name
	 * @return the data set, split by its layout
	 * @throws IOException if the files cannot be read
	 * @throws InvalidDatasetException if they are not a data set in the layout
	 */
	public static LoadedDataset load(ImageSource source, Options options, String name)
			throws IOException, InvalidDatasetException {
		Path cache = Files.createTempFile("import-", ".smm");
		try {
			decode(source, scan(source, options), name, cache, (decoded) -> {
			});
			return ImageSetCache.readWithSplit(cache);
		}
		finally {
			Files.deleteIfExists(cache);
		}
	}

	/**
	 * Reads paths and headers and plans the import.
	 * @param source the files
	 * @param options the import's settings
	 * @return the plan
	 * @throws IOException if the files cannot be read
	 * @throws InvalidDatasetException if they are not a data set in the layout, or break
	 * a limit
	 */
	public static Plan scan(ImageSource source, Options options) throws IOException, InvalidDatasetException {
		Map<String, ImageBytes.Header> headers = new LinkedHashMap<>();
		Skipped skipped = new Skipped();
		source.forEachFile((path, content) -> {
			if (isHidden(path)) {
				return;
			}
			byte[] bytes = content.readAllBytes();
			try {
				ImageBytes.Header header = ImageBytes.header(bytes);
				if (header.pixels() > options.maxPixels()) {
					skipped.add("more than " + options.maxPixels() + " pixels");
				}
				else {
					headers.put(path, header);
				}
			}
			catch (ImageBytes.NotAnImageException ex) {
				skipped.add("not an image");
			}
			catch (IOException ex) {
				skipped.add("corrupt");
			}
		});
		String root = commonRoot(headers.keySet());
		Map<String, Planned> images = new TreeMap<>();
		TreeSet<String> classes = new TreeSet<>();
		for (String path : headers.keySet()) {
			String[] parts = path.substring(root.length()).split("/");
			Role role = FOLDERS.get(parts[0]);
			if (role == null || (role != Role.UNLABELED && parts.length < 3) || parts.length < 2) {
				skipped.add("outside labeled/<class>/, unlabeled/, val/<class>/ and test/<class>/");
				continue;
			}
			String className = (role == Role.UNLABELED) ? null : parts[1];
			if (role == Role.LABELED) {
				classes.add(className);
			}
			images.put(path, new Planned(role, className));
		}
		int files = images.size() + skipped.total();
		if (classes.isEmpty()) {
			throw InvalidDatasetException.invalid((files == 0) ? "The archive holds no files"
					: headers.isEmpty()
							? "None of the archive's %d files can be used: %s".formatted(files, skipped.byReason())
							: "The archive has no labeled/<class>/ folder with an image in it");
		}
		if (skipped.total() * 2 > files) {
			throw InvalidDatasetException
				.invalid("%d of %d files cannot be used: %s".formatted(skipped.total(), files, skipped.byReason()));
		}
		if (classes.size() > options.maxClasses()) {
			throw InvalidDatasetException.tooLarge(
					"The archive has " + classes.size() + " classes; at most " + options.maxClasses() + " are taken");
		}
		for (Planned image : images.values()) {
			if (image.className() != null && !classes.contains(image.className())) {
				throw InvalidDatasetException.invalid("The class '" + image.className() + "' of "
						+ image.role().folder() + "/ has no labeled images in labeled/" + image.className() + "/");
			}
		}
		boolean anyColour = images.keySet().stream().anyMatch((path) -> headers.get(path).colour());
		int channels = (options.channels() != null) ? options.channels() : (anyColour ? 3 : 1);
		int side = (options.imageSize() != null) ? options.imageSize() : ((channels == 3) ? 32 : 28);
		List<String> classNames = List.copyOf(classes);
		HoldOut holdOut = holdOut(images.values(), classNames, options);
		return new Plan(classNames, channels, side, images, skipped.byReason(), holdOut);
	}

	/**
	 * Decodes the planned images into an image set cache, one at a time, and splits them
	 * by the layout: memory holds one decoded image and an int per image, whatever the
	 * archive's size.
	 * @param source the files, as scanned
	 * @param plan the scan's plan
	 * @param name the data set's name
	 * @param cache the file to write the images and their split to
	 * @param progress hears the number of images decoded so far, now and then
	 * @return the split and what was skipped
	 * @throws IOException if the files cannot be read or the cache written
	 * @throws InvalidDatasetException if most images cannot be decoded, or a class is
	 * left without labeled images
	 */
	public static Imported decode(ImageSource source, Plan plan, String name, Path cache, IntConsumer progress)
			throws IOException, InvalidDatasetException {
		List<String> paths = List.copyOf(plan.images().keySet());
		Map<String, Integer> order = new HashMap<>();
		for (int i = 0; i < paths.size(); i++) {
			order.put(paths.get(i), i);
		}
		boolean[] decodedSlots = new boolean[paths.size()];
		Skipped skipped = new Skipped(plan.skipped());
		int[] decoded = { 0 };
		try (ImageSetCache.Writer writer = new ImageSetCache.Writer(cache, name, plan.channels(), plan.side(),
				plan.side(), plan.classNames(), paths.size())) {
			source.forEachFile((path, content) -> {
				Integer index = order.get(path);
				if (index == null) {
					return;
				}
				byte[] bytes = content.readAllBytes();
				byte[] pixels;
				try {
					pixels = ImagePixels.of(ImageBytes.decode(bytes, Long.MAX_VALUE), plan.channels(), plan.side(),
							plan.side());
				}
				catch (IOException ex) {
					skipped.add("corrupt");
					return;
				}
				try {
					writer.put(index, pixels, label(plan, plan.images().get(path)));
				}
				catch (IOException ex) {
					// The cache's disk, not the archive: past the archive's own errors.
					throw new UncheckedIOException(ex);
				}
				decodedSlots[index] = true;
				if (++decoded[0] % 256 == 0) {
					progress.accept(decoded[0]);
				}
			});
			if (decoded[0] * 2 < paths.size()) {
				throw InvalidDatasetException
					.invalid("%d of %d images cannot be decoded".formatted(paths.size() - decoded[0], paths.size()));
			}
			Imported imported = split(plan, paths, decodedSlots, skipped.byReason());
			writer.finish(new int[0], imported.split());
			return imported;
		}
	}

	private static int label(Plan plan, Planned image) {
		return (image.className() != null) ? plan.classNames().indexOf(image.className()) : ImageSet.UNLABELED;
	}

	// The decoded images keep the plan's order; the labeled ones are split by class.
	private static Imported split(Plan plan, List<String> paths, boolean[] decodedSlots, Map<String, Integer> skipped)
			throws InvalidDatasetException {
		Map<Role, List<Integer>> byRole = new HashMap<>();
		Map<Integer, List<Integer>> labeledByClass = new TreeMap<>();
		int next = 0;
		for (int i = 0; i < paths.size(); i++) {
			if (!decodedSlots[i]) {
				continue;
			}
			Planned image = plan.images().get(paths.get(i));
			byRole.computeIfAbsent(image.role(), (role) -> new ArrayList<>()).add(next);
			if (image.role() == Role.LABELED) {
				labeledByClass.computeIfAbsent(label(plan, image), (label) -> new ArrayList<>()).add(next);
			}
			next++;
		}
		int[] labeledPerClass = new int[plan.classNames().size()];
		for (int label = 0; label < labeledPerClass.length; label++) {
			if (!labeledByClass.containsKey(label)) {
				throw InvalidDatasetException
					.invalid("No labeled image of class '" + plan.classNames().get(label) + "' can be decoded");
			}
		}
		List<Integer> labeled = new ArrayList<>();
		List<Integer> validation = new ArrayList<>(byRole.getOrDefault(Role.VALIDATION, List.of()));
		List<Integer> test = new ArrayList<>(byRole.getOrDefault(Role.TEST, List.of()));
		SplittableRandom random = new SplittableRandom(HOLD_OUT_SEED);
		for (Map.Entry<Integer, List<Integer>> members : labeledByClass.entrySet()) {
			List<Integer> shuffled = shuffled(members.getValue(), random);
			int testCount = Math.min(plan.holdOut().testPerClass(), shuffled.size() - 1);
			int validationCount = Math.min(plan.holdOut().validationPerClass(shuffled.size()),
					shuffled.size() - 1 - testCount);
			test.addAll(shuffled.subList(0, testCount));
			validation.addAll(shuffled.subList(testCount, testCount + validationCount));
			labeled.addAll(shuffled.subList(testCount + validationCount, shuffled.size()));
			labeledPerClass[members.getKey()] = shuffled.size() - testCount - validationCount;
		}
		int[] labeledIndices = sorted(labeled);
		// No val/ and a single labeled image per class: the labeled images stand in.
		int[] validationIndices = validation.isEmpty() ? labeledIndices : sorted(validation);
		DataSplit split = new DataSplit(labeledIndices, validationIndices,
				sorted(byRole.getOrDefault(Role.UNLABELED, List.of())), sorted(test));
		return new Imported(split, next, labeledPerClass, skipped);
	}

	private static HoldOut holdOut(Iterable<Planned> images, List<String> classNames, Options options)
			throws InvalidDatasetException {
		Set<Role> folders = new TreeSet<>();
		Map<String, Integer> labeledPerClass = new HashMap<>();
		for (Planned image : images) {
			folders.add(image.role());
			if (image.role() == Role.LABELED) {
				labeledPerClass.merge(image.className(), 1, Integer::sum);
			}
		}
		if (options.validationPerClass() != null && folders.contains(Role.VALIDATION)) {
			throw InvalidDatasetException.invalid("validationPerClass: the archive has a val/ folder, which is the "
					+ "validation set; leave validationPerClass out");
		}
		if (options.testPerClass() != null && folders.contains(Role.TEST)) {
			throw InvalidDatasetException
				.invalid("testPerClass: the archive has a test/ folder, which is the test set; leave testPerClass out");
		}
		HoldOut holdOut = new HoldOut(folders.contains(Role.VALIDATION), options.validationPerClass(),
				(options.testPerClass() != null) ? options.testPerClass() : 0);
		for (String className : classNames) {
			int labeled = labeledPerClass.get(className);
			int kept = labeled - holdOut.testPerClass() - holdOut.validationPerClass(labeled);
			if (kept < 1 && (options.validationPerClass() != null || options.testPerClass() != null)) {
				throw InvalidDatasetException.invalid(("%s: class '%s' has %d labeled images; holding out %d for "
						+ "testing and %d for validation leaves none to train on")
					.formatted((options.testPerClass() != null) ? "testPerClass" : "validationPerClass", className,
							labeled, holdOut.testPerClass(), holdOut.validationPerClass(labeled)));
			}
		}
		return holdOut;
	}

	private static String commonRoot(Set<String> paths) {
		Set<String> firsts = new TreeSet<>();
		for (String path : paths) {
			int slash = path.indexOf('/');
			firsts.add((slash < 0) ? "" : path.substring(0, slash));
		}
		if (firsts.size() == 1) {
			String first = firsts.iterator().next();
			if (!first.isEmpty() && !FOLDERS.containsKey(first)) {
				return first + "/";
			}
		}
		return "";
	}

	// Operating systems' bookkeeping, not the user's images.
	private static boolean isHidden(String path) {
		return Arrays.stream(path.split("/")).anyMatch((part) -> part.startsWith(".") || part.equals("__MACOSX"));
	}

	private static List<Integer> shuffled(List<Integer> members, SplittableRandom random) {
		List<Integer> shuffled = new ArrayList<>(members);
		for (int i = shuffled.size() - 1; i > 0; i--) {
			Collections.swap(shuffled, i, random.nextInt(i + 1));
		}
		return shuffled;
	}

	private static int[] sorted(List<Integer> indices) {
		return indices.stream().mapToInt(Integer::intValue).sorted().toArray();
	}

	/** The role of a folder of the layout. */
	private enum Role {

		LABELED("labeled"), VALIDATION("val"), TEST("test"), UNLABELED("unlabeled");

		private final String folder;

		Role(String folder) {
			this.folder = folder;
		}

		String folder() {
			return this.folder;
		}

	}

	/**
	 * An import's settings: null where the data decides.
	 *
	 * @param channels 1 or 3; by default 3 if any image has colour, else 1
	 * @param imageSize the side images are resized to; by default 32 for RGB, 28 for
	 * grayscale
	 * @param validationPerClass labeled images per class held out for validation where
	 * there is no {@code val/}
	 * @param testPerClass labeled images per class held out for testing where there is no
	 * {@code test/}
	 * @param maxPixels the most pixels of one image; larger ones are skipped
	 * @param maxClasses the most classes
	 */
	public record Options(@Nullable Integer channels, @Nullable Integer imageSize, @Nullable Integer validationPerClass,
			@Nullable Integer testPerClass, long maxPixels, int maxClasses) {

		/** The most classes by default. */
		public static final int MAX_CLASSES = 10_000;

		/** The most pixels of one image by default. */
		public static final long MAX_PIXELS = 50_000_000;

		/**
		 * The defaults for a folder of one's own, as the command line reads it.
		 * @param channels 1 or 3, or null for what the images are
		 * @param imageSize the side, or null for the default of the channels
		 * @return the options
		 */
		public static Options of(@Nullable Integer channels, @Nullable Integer imageSize) {
			return new Options(channels, imageSize, null, null, MAX_PIXELS, MAX_CLASSES);
		}

	}

	/**
	 * Where one image goes.
	 *
	 * @param role its folder's role
	 * @param className its class, null for unlabeled images
	 */
	record Planned(Role role, @Nullable String className) {
	}

	/**
	 * What to hold out of the labeled images per class.
	 *
	 * @param validationFolder whether {@code val/} is the validation set
	 * @param askedValidation validationPerClass where given
	 * @param testPerClass testPerClass, 0 where not given
	 */
	record HoldOut(boolean validationFolder, @Nullable Integer askedValidation, int testPerClass) {

		int validationPerClass(int labeled) {
			if (this.validationFolder) {
				return 0;
			}
			if (this.askedValidation != null) {
				return this.askedValidation;
			}
			return (labeled >= 2) ? Math.max(1, labeled / 5) : 0;
		}

	}

	/**
	 * The scan's result.
	 *
	 * @param classNames the classes, sorted by name
	 * @param channels the channels of the imported images
	 * @param side the side they are resized to
	 * @param images the planned images by path
	 * @param skipped files skipped so far, by reason
	 * @param holdOut what to hold out of the labeled images
	 */
	public record Plan(List<String> classNames, int channels, int side, Map<String, Planned> images,
			Map<String, Integer> skipped, HoldOut holdOut) {

		/**
		 * The images the plan decodes.
		 * @return their number
		 */
		public int imageCount() {
			return this.images.size();
		}

		/**
		 * The size of the decoded images, the most their cache takes.
		 * @return {@code images x channels x side x side} bytes
		 */
		public long decodedBytes() {
			return (long) this.images.size() * this.channels * this.side * this.side;
		}

	}

	/**
	 * An imported data set, whose images are in its cache.
	 *
	 * @param split the split by the layout
	 * @param images how many images were decoded
	 * @param labeledPerClass the labeled training images of each class, by class id
	 * @param skipped files left out, by reason
	 */
	public record Imported(DataSplit split, int images, int[] labeledPerClass, Map<String, Integer> skipped) {
	}

	/** Files left out, counted by reason. */
	private static final class Skipped {

		private final Map<String, Integer> counts;

		Skipped() {
			this(Map.of());
		}

		Skipped(Map<String, Integer> counts) {
			this.counts = new TreeMap<>(counts);
		}

		void add(String reason) {
			this.counts.merge(reason, 1, Integer::sum);
		}

		int total() {
			return this.counts.values().stream().mapToInt(Integer::intValue).sum();
		}

		Map<String, Integer> byReason() {
			return Collections.unmodifiableMap(new TreeMap<>(this.counts));
		}

	}

}
