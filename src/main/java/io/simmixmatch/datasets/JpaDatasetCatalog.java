package io.simmixmatch.datasets;

import java.util.Optional;

import io.simmixmatch.data.DatasetSource;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
class JpaDatasetCatalog implements DatasetCatalog {

	private final DatasetRepository datasets;

	JpaDatasetCatalog(DatasetRepository datasets) {
		this.datasets = datasets;
	}

	@Override
	public boolean exists(String id) {
		return this.datasets.existsById(id);
	}

	@Override
	public Optional<DatasetSource> source(String id) {
		return this.datasets.findById(id)
			.map((dataset) -> new DatasetSource(dataset.getFormat(), dataset.getLocation(), dataset.getId(),
					dataset.getClassNames(), dataset.getImageChannels(), dataset.getImageHeight()));
	}

}
