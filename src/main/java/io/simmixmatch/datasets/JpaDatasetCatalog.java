package io.simmixmatch.datasets;

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

}
