package io.simmixmatch.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies before anything reads them, first of all filters: a body must
 * state its length ({@code 411} for a chunked one) and stay within its limit
 * ({@code 413}): {@code simmixmatch.limits.max-request-size} (1 MB), or a
 * {@link BodyLimit} of its path.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

	private final DataSize defaultLimit;

	private final List<BodyLimit> limits;

	private final FilterProblems problems;

	RequestSizeLimit(@Value("${simmixmatch.limits.max-request-size:1MB}") DataSize defaultLimit, List<BodyLimit> limits,
			FilterProblems problems) {
		this.defaultLimit = defaultLimit;
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		long limit = limitOf(request.getRequestURI()).toBytes();
		if (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			this.problems.write(request, response,
					ApiProblems.lengthRequired("A request body must state its Content-Length"));
		}
		else if (length > limit) {
			this.problems.write(request, response,
					ApiProblems.tooLarge("The request has " + length + " bytes; at most " + limit + " are taken"));
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private DataSize limitOf(String path) {
		return this.limits.stream()
			.filter((limit) -> limit.covers(path))
			.map(BodyLimit::maxSize)
			.findFirst()
			.orElse(this.defaultLimit);
	}

}
