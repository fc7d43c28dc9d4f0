package com.algomarket.api.problem;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A failure the client can act on, answered as an RFC 9457 problem detail by {@link ProblemHandler}. */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public ApiProblem(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
    }

    /** 422 with one entry per invalid field. */
    /** The caller has no {@code what} (e.g. "connection") with this id: another user's id answers the same. */
    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(
                HttpStatus.NOT_FOUND,
                what + "-not-found",
                Character.toUpperCase(what.charAt(0)) + what.substring(1) + " not found",
                "You have no " + what + " " + id + ".");
    }

    public static ApiProblem validationFailed(List<FieldError> errors) {
        return new ApiProblem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "validation-failed",
                "Validation failed",
                "The request has invalid fields; see errors.",
                errors);
    }

    public HttpStatus status() {
        return status;
    }

    /** The last segment of the problem type URI, e.g. {@code email-taken}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public record FieldError(String field, String message) {}
}
