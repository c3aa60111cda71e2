package io.simmixmatch.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error pages as problem details: a request that Tomcat refuses before the
 * application sees it (a path with an encoded slash, NUL or backslash) gets the same
 * {@code application/problem+json} as every other error, not an HTML page.
 */
public class ProblemDetailErrorReportValve extends ErrorReportValve {

	private static final JsonMapper json = JsonMapper.shared();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", (known != null) ? known.getReasonPhrase() : "Error");
		problem.put("status", status);
		problem.put("detail", (status == HttpStatus.BAD_REQUEST.value())
				? "The request's path or headers are malformed (an encoded slash, backslash or NUL, for example)"
				: "The server could not handle the request");
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(json.writeValueAsString(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away, or the response cannot take a body: nothing to tell.
		}
	}

}
