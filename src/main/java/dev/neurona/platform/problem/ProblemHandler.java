package dev.neurona.platform.problem;

import dev.neurona.platform.web.RequestSizeFilter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every error to RFC 9457 problem+json with a stable {@code type} per kind of problem and, for bad input, an
 * {@code errors} list of {@code {field, message}}. Spring MVC's own exceptions (404, 405, 413, 415, …) go through
 * the base class and get their type here too.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    public static final String TYPE_BASE = "https://neurona.dev/problems/";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final Pattern KNOWN_TYPE_IDS = Pattern.compile("known type ids = \\[([^]]*)]");
    private static final Map<Integer, String> KIND_BY_STATUS = Map.of(
            400,
            "bad-request",
            404,
            "not-found",
            405,
            "method-not-allowed",
            406,
            "not-acceptable",
            408,
            "request-timeout",
            413,
            "payload-too-large",
            415,
            "unsupported-media-type",
            500,
            "internal");

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        HttpStatus status = status(e);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (e instanceof LimitReachedException limit) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(limit.retryAfterSeconds()));
        }
        return response.body(problem(status, e.kind(), e.title(), e.getMessage(), e.errors(), e.properties()));
    }

    /** The one place that knows which HTTP status each domain refusal is. */
    static HttpStatus status(DomainException e) {
        if (e instanceof InvalidInputException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof NotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof ConflictException) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof TooLargeException) {
            return HttpStatus.CONTENT_TOO_LARGE;
        }
        if (e instanceof ForbiddenException) {
            return HttpStatus.FORBIDDEN;
        }
        if (e instanceof NotAcceptableException) {
            return HttpStatus.NOT_ACCEPTABLE;
        }
        if (e instanceof LimitReachedException limit) {
            return limit.scope() == LimitReachedException.Scope.CALLER
                    ? HttpStatus.TOO_MANY_REQUESTS
                    : HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (e instanceof UnavailableException unavailable) {
            return unavailable.upstream() ? HttpStatus.BAD_GATEWAY : HttpStatus.SERVICE_UNAVAILABLE;
        }
        throw new IllegalStateException("no status for " + e.getClass());
    }

    private static ProblemDetail problem(
            HttpStatus status,
            String kind,
            String title,
            String detail,
            List<FieldProblem> errors,
            Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + kind));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        properties.forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a different value" : describe(e.getRequiredType());
        return domain(new InvalidInputException(e.getName(), "expected " + expected + ", got '" + e.getValue() + "'"));
    }

    /** A body that claims to be multipart but is not: no boundary, cut off, parts without headers. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e) {
        return domain(new InvalidInputException(
                "body",
                "the multipart/form-data body cannot be read: "
                        + firstLine(e.getMostSpecificCause().getMessage())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletResponse response) {
        if (response.isCommitted()) {
            // e.g. an event stream that has started: its status and content type are out, a problem cannot follow
            log.error("unexpected error after the response started; the response ends here", e);
            return null;
        }
        log.error("unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Internal error",
                        "Something went wrong on our side; the error was logged.",
                        List.of(),
                        Map.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeFilter.BodyTooLarge tooLarge) {
                return domain(new TooLargeException("body", tooLarge.getMessage()));
            }
        }
        return domain(new InvalidInputException("Unreadable request body", List.of(describe(e))));
    }

    /**
     * Spring reports every limit Tomcat's multipart parser hits as "Maximum upload size exceeded", also those that
     * are not sizes: the number of parts and the size of one part's headers. Each gets its own message with the
     * setting that sets it.
     */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return domain(multipartLimit(e));
    }

    static TooLargeException multipartLimit(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileCountLimitExceededException count) {
                return new TooLargeException(
                        "body",
                        "more than " + count.getLimit() + " parts (form fields and files together); at most "
                                + count.getLimit() + " are accepted (server.tomcat.max-part-count)");
            }
            if (cause instanceof FileSizeLimitExceededException file) {
                String part = file.getFieldName() == null ? "file" : file.getFieldName();
                return new TooLargeException(
                        part,
                        "the file is larger than " + file.getPermittedSize()
                                + " bytes (neurona.max-upload-size, spring.servlet.multipart.max-file-size)");
            }
            if (cause instanceof SizeException size) {
                String message = String.valueOf(size.getMessage());
                if (message.startsWith("Header section")) {
                    return new TooLargeException(
                            "body",
                            "a part's headers (its Content-Disposition with the field and file name, its "
                                    + "Content-Type, …) are more than " + size.getPermittedSize()
                                    + " bytes (server.tomcat.max-part-header-size); a very long file name is the "
                                    + "usual cause");
                }
                return new TooLargeException(
                        "body",
                        "the multipart request is larger than " + size.getPermittedSize()
                                + " bytes (neurona.max-upload-size, spring.servlet.multipart.max-request-size)");
            }
        }
        return new TooLargeException(
                "body", "the multipart request is larger than neurona.max-upload-size (spring.servlet.multipart.*)");
    }

    /** The Accept header asked only for representations this endpoint cannot produce (an unparseable one: AcceptHeaderFilter). */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        String supported = e.getSupportedMediaTypes().stream()
                .map(MediaType::toString)
                .filter(type -> !type.contains("*"))
                .collect(java.util.stream.Collectors.joining(", "));
        return domain(new NotAcceptableException("The Accept header asks for " + (accept == null ? "nothing" : accept)
                + "; this endpoint answers with " + (supported.isEmpty() ? "other types" : supported) + "."));
    }

    /** {@code @Min}, {@code @Max}, … on request parameters, or on a body record's components with {@code @Valid}. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(ValidationProblems.of(e));
    }

    /** A {@code @Valid @RequestBody} whose record breaks a constraint. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(ValidationProblems.of(e.getBindingResult()));
    }

    /** Method validation of a {@code @Validated} bean, called with what a request carried. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        return invalid(ValidationProblems.of(e.getConstraintViolations()));
    }

    private ResponseEntity<Object> invalid(List<FieldProblem> errors) {
        return domain(new InvalidInputException(
                "Invalid request",
                errors.isEmpty() ? List.of(new FieldProblem("body", "the request is not valid")) : errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return domain(new InvalidInputException(e.getParameterName(), "required parameter is missing"));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(
            MissingServletRequestPartException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return domain(new InvalidInputException(e.getRequestPartName(), "required multipart part is missing"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setType(URI.create(TYPE_BASE + kind(status.value())));
        }
        return response;
    }

    /** The problem kind of a status no domain exception chose, e.g. {@code method-not-allowed}. */
    static String kind(int status) {
        return KIND_BY_STATUS.getOrDefault(status, "http-" + status);
    }

    /** Turns Jackson's exceptions into a field path under the request body and a sentence. */
    static FieldProblem describe(HttpMessageNotReadableException e) {
        // the innermost Jackson exception: a date Jackson could not parse ends in a DateTimeParseException
        JacksonException jackson = null;
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException j) {
                jackson = j;
            }
        }
        if (jackson == null) {
            return new FieldProblem("body", "the request body is missing or unreadable");
        }
        String path = path(jackson.getPath());
        if (jackson instanceof InputCoercionException coercion) {
            return new FieldProblem(
                    path.isEmpty() ? "body" : path,
                    "number out of range: "
                            + firstLine(coercion.getOriginalMessage()).replaceAll(" of `(\\w+)`", " of $1"));
        }
        if (jackson instanceof StreamReadException read) {
            String where = read.getLocation() == null
                    ? ""
                    : " at line " + read.getLocation().getLineNr() + ", column "
                            + read.getLocation().getColumnNr();
            String why = firstLine(read.getOriginalMessage()).replaceAll(":? ?enable `[^`]*` to allow", "");
            return new FieldProblem(
                    path.isEmpty() ? "body" : path,
                    "malformed JSON" + where + ": " + why
                            + (why.contains("'NaN'") || why.contains("Infinity")
                                    ? " (NaN and Infinity are not JSON numbers)"
                                    : ""));
        }
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return new FieldProblem(
                    path,
                    "unknown property '" + unknown.getPropertyName() + "'; known: "
                            + String.join(
                                    ", ",
                                    unknown.getKnownPropertyIds().stream()
                                            .map(String::valueOf)
                                            .sorted()
                                            .toList()));
        }
        if (jackson instanceof InvalidTypeIdException type) {
            String field = path.isEmpty() ? "type" : path + ".type";
            Matcher known = KNOWN_TYPE_IDS.matcher(String.valueOf(type.getOriginalMessage()));
            String knownIds = known.find() ? "; known: " + known.group(1) : "";
            return new FieldProblem(
                    field,
                    (type.getTypeId() == null ? "missing 'type'" : "unknown type '" + type.getTypeId() + "'")
                            + knownIds);
        }
        if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldProblem(path.isEmpty() ? "body" : path, "expected " + describe(mismatch.getTargetType()));
        }
        return new FieldProblem(path.isEmpty() ? "body" : path, firstLine(jackson.getOriginalMessage()));
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.util.UUID.class) {
            return "an id (UUID)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date and time such as 2027-06-30T00:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
