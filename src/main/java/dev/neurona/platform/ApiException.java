package dev.neurona.platform;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * The one domain exception the API layer maps to RFC 9457 problem+json. {@code kind} becomes the stable
 * problem type URI ({@value ProblemHandler#TYPE_BASE}{kind}); {@code errors} lists field-level problems.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final String title;
    private final List<FieldProblem> errors;

    public ApiException(HttpStatus status, String kind, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No " + what + " with id " + id + ".", List.of());
    }

    /** 400 with one or more field problems; the detail sums them up. */
    public static ApiException invalid(String title, List<FieldProblem> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " problems, first: " + errors.get(0).field() + ": " + errors.get(0).message();
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", title, detail, errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid("Invalid request", List.of(new FieldProblem(field, message)));
    }

    /** 413: the field's content is larger than a configured limit. */
    public static ApiException tooLarge(String field, String message) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                field + ": " + message, List.of(new FieldProblem(field, message)));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", "Conflict", detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
