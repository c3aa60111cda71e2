package io.simmixmatch.datasets;

import java.util.List;

import io.simmixmatch.web.ApiProblems;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "datasets", description = "The data sets runs train on")
@RequestMapping("/api/v1/datasets")
@Transactional(readOnly = true)
class DatasetController {

	private final DatasetRepository datasets;

	DatasetController(DatasetRepository datasets) {
		this.datasets = datasets;
	}

	@GetMapping
	List<DatasetResponse> list() {
		return this.datasets.findAll(Sort.by("id")).stream().map(DatasetResponse::of).toList();
	}

	@GetMapping("/{id}")
	DatasetResponse get(@PathVariable String id) {
		return this.datasets.findById(id)
			.map(DatasetResponse::of)
			.orElseThrow(() -> ApiProblems.notFound("data set", id));
	}

}
