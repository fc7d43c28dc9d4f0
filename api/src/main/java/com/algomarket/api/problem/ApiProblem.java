package com.algomarket.api.problem;

import java.time.Duration;
import java.util.List;
import lombok.Getter;
import org.springframework.http.HttpStatus;

/** A failure the client can act on, answered as an RFC 9457 problem detail by {@link ProblemHandler}. */
public class ApiProblem extends RuntimeException {

    @Getter
    private final HttpStatus status;
    /** The last segment of the problem type URI, e.g. {@code email-taken}. */
    @Getter
    private final String type;

    @Getter
    private final String title;

    @Getter
    private final List<FieldError> errors;
    /** Sent as {@code Retry-After} (whole seconds, at least 1); null when the client need not wait. */
    private final Duration retryAfter;

    public ApiProblem(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public ApiProblem(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        this(status, type, title, detail, errors, null);
    }

    private ApiProblem(
            HttpStatus status, String type, String title, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    /** 429 {@code rate-limited}: an abuse limit (api.md conventions); the client may try again after the wait. */
    public static ApiProblem rateLimited(String detail, Duration retryAfter) {
        return new ApiProblem(
                HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail, List.of(), retryAfter);
    }

    /** 503 {@code service-unavailable}: we cannot serve the request now, through no fault of the client's. */
    public static ApiProblem serviceUnavailable(String detail, Duration retryAfter) {
        return new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "Service unavailable",
                detail,
                List.of(),
                retryAfter);
    }

    /** The caller has no {@code what} (e.g. "connection") with this id: another user's id answers the same. */
    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(
                HttpStatus.NOT_FOUND,
                what + "-not-found",
                capitalized(what) + " not found",
                "You have no " + what + " " + id + ".");
    }

    /** 422 {@code <what>-not-active}: the request needs the caller's {@code what} (e.g. "connection") active. */
    public static ApiProblem notActive(String what, String detail) {
        return new ApiProblem(
                HttpStatus.UNPROCESSABLE_CONTENT, what + "-not-active", capitalized(what) + " not active", detail);
    }

    private static String capitalized(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }

    /** 422 with one entry per invalid field. */
    public static ApiProblem validationFailed(List<FieldError> errors) {
        return new ApiProblem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "validation-failed",
                "Validation failed",
                "The request has invalid fields; see errors.",
                errors);
    }

    /**
     * 400 {@code invalid-parameter} with one entry per query parameter or path variable the client got wrong (a body's
     * invalid fields are a 422 instead: {@link #validationFailed}).
     */
    public static ApiProblem invalidParameters(List<FieldError> errors) {
        return invalidParameters("The request has invalid parameters; see errors.", errors);
    }

    /** 400 {@code invalid-parameter} naming one query parameter, e.g. ("limit", "must be between 1 and 500"). */
    public static ApiProblem invalidParameter(String name, String message) {
        return invalidParameters(
                "The query parameter " + name + " " + message + ".", List.of(new FieldError(name, message)));
    }

    private static ApiProblem invalidParameters(String detail, List<FieldError> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail, errors);
    }

    /** The {@code Retry-After} value in whole seconds, rounded up and at least 1; null when there is none. */
    public Long retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    public record FieldError(String field, String message) {}
}
