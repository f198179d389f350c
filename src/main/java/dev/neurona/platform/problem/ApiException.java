package dev.neurona.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, Object> properties;
    private final Long retryAfterSeconds;

    public ApiException(HttpStatus status, String kind, String title, String detail, List<FieldProblem> errors) {
        this(status, kind, title, detail, errors, Map.of(), null);
    }

    private ApiException(
            HttpStatus status,
            String kind,
            String title,
            String detail,
            List<FieldProblem> errors,
            Map<String, Object> properties,
            Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.properties = properties;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(
                HttpStatus.NOT_FOUND, "not-found", "Not found", "No " + what + " with id " + id + ".", List.of());
    }

    /** 400 with one or more field problems; the detail sums them up. */
    public static ApiException invalid(String title, List<FieldProblem> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", title, summary(errors), errors);
    }

    private static String summary(List<FieldProblem> errors) {
        FieldProblem first = errors.get(0);
        return (errors.size() == 1 ? "" : errors.size() + " problems, first: ") + first.field() + ": "
                + first.message();
    }

    public static ApiException invalid(String field, String message) {
        return invalid("Invalid request", List.of(new FieldProblem(field, message)));
    }

    /** 413: the field's content is larger than a configured limit. */
    public static ApiException tooLarge(String field, String message) {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Payload too large",
                field + ": " + message,
                List.of(new FieldProblem(field, message)));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", "Conflict", detail, List.of());
    }

    /**
     * 429 or 503 for a configured limit that is reached: the body names the {@code setting} to raise, its
     * {@code limit} and the {@code current} count, and the answer carries {@code Retry-After}.
     */
    public static ApiException overLimit(
            HttpStatus status,
            String kind,
            String title,
            String detail,
            String setting,
            long limit,
            long current,
            long retryAfterSeconds) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("setting", setting);
        properties.put("limit", limit);
        properties.put("current", current);
        return new ApiException(status, kind, title, detail, List.of(), properties, retryAfterSeconds);
    }

    /**
     * The same problem with every field named under {@code prefix} (see {@link FieldPath#join}); a detail that
     * quoted the old field names is written again from the new ones.
     */
    ApiException under(String prefix) {
        if (errors.isEmpty() || prefix == null || prefix.isEmpty()) {
            return this;
        }
        List<FieldProblem> moved = errors.stream()
                .map(p -> new FieldProblem(FieldPath.join(prefix, p.field()), p.message()))
                .toList();
        String detail = getMessage().equals(summary(errors)) ? summary(moved) : getMessage();
        ApiException out = new ApiException(status, kind, title, detail, moved, properties, retryAfterSeconds);
        out.setStackTrace(getStackTrace());
        return out;
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

    /** Extension members of the problem body beyond {@code errors}. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** Seconds for the {@code Retry-After} header, or null for none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
