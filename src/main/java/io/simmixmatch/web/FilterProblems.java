package io.simmixmatch.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Writes a problem detail from {@link ApiProblems} straight to the response, for filters
 * that turn a request away before Spring MVC sees it: the same status, headers and body
 * fields as the API's other errors.
 */
@Component
public class FilterProblems {

	private final JsonMapper json;

	FilterProblems(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Answers the request with the problem.
	 * @param request the request turned away
	 * @param response its response, not yet committed
	 * @param problem the status, headers and detail
	 * @throws IOException if the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ErrorResponseException problem)
			throws IOException {
		ProblemDetail detail = problem.getBody();
		response.setStatus(problem.getStatusCode().value());
		problem.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		Map<String, Object> body = new LinkedHashMap<>();
		if (detail.getType() != null) {
			body.put("type", detail.getType().toString());
		}
		body.put("title", detail.getTitle());
		body.put("status", detail.getStatus());
		body.put("detail", detail.getDetail());
		body.put("instance", request.getRequestURI());
		if (detail.getProperties() != null) {
			body.putAll(detail.getProperties());
		}
		this.json.writeValue(response.getOutputStream(), body);
	}

}
