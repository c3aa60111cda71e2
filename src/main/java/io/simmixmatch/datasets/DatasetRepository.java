package io.simmixmatch.datasets;

import org.springframework.data.jpa.repository.JpaRepository;

interface DatasetRepository extends JpaRepository<Dataset, String> {

}
