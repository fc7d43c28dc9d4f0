package com.algomarket.api.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes an {@link ApiProblem} where no controller advice reaches: the servlet filters (401, 403, 503). */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ProblemWriter {

    private final JsonMapper json;

    public void write(HttpServletResponse response, ApiProblem problem) throws IOException {
        response.setStatus(problem.status().value());
        ProblemHandler.retryAfter(problem).ifPresent(seconds -> response.setHeader(HttpHeaders.RETRY_AFTER, seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemHandler.problemDetail(problem));
    }
}
