package com.algomarket.api.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Every error leaves as an RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail}, and
 * for invalid input {@code errors: [{field, message}]}. Input the client can fix is a 4xx, never a 5xx.
 */
@RestControllerAdvice
@Slf4j
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://algomarket.io/problems/";

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status());
        retryAfter(problem).ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, seconds));
        return answer.body(problemDetail(problem));
    }

    /**
     * A constraint on a query parameter or path variable ({@code @Validated} controllers): 400, like any other
     * parameter the client got wrong, naming each parameter.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolated(ConstraintViolationException e) {
        List<ApiProblem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new ApiProblem.FieldError(parameterName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(ApiProblem.FieldError::field))
                .toList();
        return apiProblem(ApiProblem.invalidParameters(errors));
    }

    /**
     * A multipart body that cannot be parsed (no boundary, say). No endpoint takes multipart, and the resolver is off
     * (application.yml), so this is a safety net should it ever be turned on: the body is malformed, a 400.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e) {
        return apiProblem(malformed("The multipart request body could not be read."));
    }

    /** Bean Validation failures of a request body: 422 with one entry per field. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiProblem.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new ApiProblem.FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(ApiProblem.FieldError::field))
                .toList();
        return apiProblem(ApiProblem.validationFailed(errors));
    }

    /** Unparseable JSON is a 400; a well-formed body with a value of the wrong type names the field (422). */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof DatabindException databind
                && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return apiProblem(
                    ApiProblem.validationFailed(List.of(new ApiProblem.FieldError(field, "has an invalid value"))));
        }
        return apiProblem(malformed("The request body is not JSON of the expected shape."));
    }

    /** A role that may not call the endpoint (@PreAuthorize): 403, not the 500 of an unexpected failure. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e) {
        return apiProblem(new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role may not do this."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (Outages.isOutage(e)) {
            // Expected while PostgreSQL or Temporal is down; one line, not a stack trace per request.
            log.warn("A dependency is unavailable: {}", e.toString());
            return apiProblem(Outages.problem());
        }
        // The client learns nothing about our internals; the log keeps the cause.
        log.error("Unexpected failure", e);
        return apiProblem(new ApiProblem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "Something went wrong on our side. Try again later."));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring's own problems (405, 415, ...) get a type URI in our namespace too.
        if (body instanceof ProblemDetail detail
                && (detail.getType() == null || URI.create("about:blank").equals(detail.getType()))) {
            detail.setType(URI.create(TYPE_BASE + "http-" + status.value()));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ApiProblem malformed(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
    }

    /** The parameter's own name: the last node of {@code method.parameter}. */
    private static String parameterName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /**
     * Seconds a client should wait before retrying: what the problem says (a rate limit's refill), else for every 503
     * the outage default (api.md conventions).
     */
    static Optional<String> retryAfter(ApiProblem problem) {
        if (problem.retryAfterSeconds() != null) {
            return Optional.of(problem.retryAfterSeconds().toString());
        }
        return problem.status() == HttpStatus.SERVICE_UNAVAILABLE
                ? Optional.of(Long.toString(Outages.RETRY_AFTER.toSeconds()))
                : Optional.empty();
    }

    static ProblemDetail problemDetail(ApiProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setType(URI.create(TYPE_BASE + problem.type()));
        detail.setTitle(problem.title());
        if (!problem.errors().isEmpty()) {
            detail.setProperty("errors", problem.errors());
        }
        return detail;
    }
}
