package io.simmixmatch.web;

import java.util.List;

import org.springframework.data.domain.Page;

/**
 * One page of a list, in a stable JSON shape.
 *
 * @param <T> the type of the items
 * @param items the items of this page
 * @param page the zero-based page number
 * @param size the requested page size
 * @param totalItems the number of items on all pages
 * @param totalPages the number of pages
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	public static <T> PageResponse<T> of(Page<T> page) {
		return new PageResponse<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
				page.getTotalPages());
	}

}
