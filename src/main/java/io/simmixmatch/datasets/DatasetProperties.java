package io.simmixmatch.datasets;

import io.simmixmatch.data.ArchiveLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The limits of data-set uploads ({@code simmixmatch.datasets.*}, or
 * {@code SIMMIXMATCH_DATASETS_*}).
 *
 * @param maxUploadSize bytes of one upload (the archive and its fields)
 * @param maxEntries files and folders in an archive
 * @param maxEntrySize bytes of one file, unpacked
 * @param maxUnpackedSize bytes of all files, unpacked
 * @param maxRatio unpacked bytes per byte of the archive (a zip bomb's tell)
 * @param maxPixels pixels of one image, from its header; larger ones are skipped
 * @param maxClasses classes of one data set
 * @param maxImageSize the largest side images may be resized to
 */
@ConfigurationProperties("simmixmatch.datasets")
@Validated
record DatasetProperties(@DefaultValue("2GB") DataSize maxUploadSize, @DefaultValue("300000") @Min(1) int maxEntries,
		@DefaultValue("64MB") DataSize maxEntrySize, @DefaultValue("8GB") DataSize maxUnpackedSize,
		@DefaultValue("100") @Min(1) int maxRatio, @DefaultValue("50000000") @Min(1) long maxPixels,
		@DefaultValue("10000") @Min(2) int maxClasses, @DefaultValue("128") @Min(8) @Max(512) int maxImageSize) {

	ArchiveLimits archiveLimits() {
		return new ArchiveLimits(this.maxEntries, this.maxEntrySize.toBytes(), this.maxUnpackedSize.toBytes(),
				this.maxRatio);
	}

}
