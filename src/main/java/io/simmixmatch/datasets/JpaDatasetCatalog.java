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
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
class JpaDatasetCatalog implements DatasetCatalog {

	private final DatasetRepository datasets;

	private final DatasetFiles files;

	private final EntityManager entityManager;

	JpaDatasetCatalog(DatasetRepository datasets, DatasetFiles files, EntityManager entityManager) {
		this.datasets = datasets;
		this.files = files;
		this.entityManager = entityManager;
	}

	@Override
	public Optional<DatasetInfo> find(String id) {
		return this.datasets.findById(id).map(JpaDatasetCatalog::info);
	}

	// Read again under the lock: the transaction may already hold the row as it was.
	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<DatasetInfo> findForLaunch(String id) {
		return this.datasets.findById(id).map((dataset) -> {
			this.entityManager.refresh(dataset, LockModeType.PESSIMISTIC_READ);
			return info(dataset);
		});
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
		long images = (long) dataset.getTrainSize() + dataset.getTestSize();
		return new DatasetInfo(dataset.getId(), dataset.getStatus(), dataset.getFormat().splitByLayout(),
				dataset.getSmallestClass(), Boolean.TRUE.equals(dataset.getOwnTestSplit()), dataset.getImageChannels(),
				dataset.getImageHeight(), dataset.getImageWidth(),
				images * dataset.getImageChannels() * dataset.getImageHeight() * dataset.getImageWidth(),
				SplitCounts.of(dataset));
	}

}
