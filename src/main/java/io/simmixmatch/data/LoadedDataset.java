package io.simmixmatch.data;

/**
 * A data set ready for training: its images and how they are split.
 *
 * @param images the images
 * @param split the split
 */
public record LoadedDataset(ImageSet images, DataSplit split) {

}
