package io.simmixmatch.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import io.simmixmatch.data.DatasetFormat;
import io.simmixmatch.data.DatasetSource;
import io.simmixmatch.data.ImageSetCache;
import io.simmixmatch.data.LoadedDataset;
import io.simmixmatch.data.SplitPlan;
import io.simmixmatch.storage.StoredBlob;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
class JpaDatasetCatalog implements DatasetCatalog {

	private final DatasetRepository datasets;

	private final DatasetFiles files;

	JpaDatasetCatalog(DatasetRepository datasets, DatasetFiles files) {
		this.datasets = datasets;
		this.files = files;
	}

	@Override
	public Optional<DatasetInfo> find(String id) {
		return this.datasets.findById(id).map(JpaDatasetCatalog::info);
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<DatasetInfo> findForLaunch(String id) {
		return this.datasets.findByIdForShare(id).map(JpaDatasetCatalog::info);
	}

	@Override
	public LoadedDataset load(String id, Path dataDir, SplitPlan plan) throws IOException {
		Dataset dataset = this.datasets.findById(id).orElseThrow(() -> new IOException("No data set " + id));
		if (dataset.getStatus() != DatasetStatus.READY) {
			throw new IOException("Data set " + id + " is " + dataset.getStatus() + ", not READY");
		}
		if (dataset.getFormat() == DatasetFormat.UPLOADED) {
			StoredBlob blob = Objects.requireNonNull(dataset.getBlob(), "A READY upload has its images stored");
			return ImageSetCache.readWithSplit(this.files.localCopy(blob));
		}
		return new DatasetSource(dataset.getFormat(), dataset.getLocation(), dataset.getId(), dataset.getClassNames(),
				dataset.getImageChannels(), dataset.getImageHeight())
			.load(dataDir, plan);
	}

	private static DatasetInfo info(Dataset dataset) {
		return new DatasetInfo(dataset.getId(), dataset.getStatus(), dataset.getFormat() == DatasetFormat.UPLOADED,
				dataset.getSmallestClass(), Boolean.TRUE.equals(dataset.getOwnTestSplit()), dataset.getImageHeight(),
				dataset.getImageWidth());
	}

}
