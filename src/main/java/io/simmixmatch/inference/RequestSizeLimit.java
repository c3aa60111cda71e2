package io.simmixmatch.inference;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds the bodies of prediction requests before anything reads them: a body must state
 * its length ({@code 411} otherwise) and stay within {@code maxRequestSize}
 * ({@code 413}).
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

	private final InferenceProperties properties;

	private final JsonMapper json;

	RequestSizeLimit(InferenceProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !request.getMethod().equals("POST") || !(path.startsWith("/api/v1/predict") || path.startsWith("/v2/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		long limit = this.properties.maxRequestSize().toBytes();
		if (length < 0) {
			reject(response, HttpStatus.LENGTH_REQUIRED, "A prediction request must state its Content-Length", request);
		}
		else if (length > limit) {
			reject(response, HttpStatus.CONTENT_TOO_LARGE,
					"The request has " + length + " bytes; at most " + limit + " are taken", request);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private void reject(HttpServletResponse response, HttpStatus status, String detail, HttpServletRequest request)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
