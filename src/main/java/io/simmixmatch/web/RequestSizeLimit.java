package io.simmixmatch.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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

	private final JsonMapper json;

	RequestSizeLimit(@Value("${simmixmatch.limits.max-request-size:1MB}") DataSize defaultLimit, List<BodyLimit> limits,
			JsonMapper json) {
		this.defaultLimit = defaultLimit;
		this.limits = limits;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		long limit = limitOf(request.getRequestURI()).toBytes();
		if (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			reject(response, HttpStatus.LENGTH_REQUIRED, "A request body must state its Content-Length", request);
		}
		else if (length > limit) {
			reject(response, HttpStatus.CONTENT_TOO_LARGE,
					"The request has " + length + " bytes; at most " + limit + " are taken", request);
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

	private void reject(HttpServletResponse response, HttpStatus status, String detail, HttpServletRequest request)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
