package dev.neurona.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * Something the service refuses to do, said in the domain's words: which input is wrong and why, what is missing,
 * which limit was reached. Thrown anywhere from readers to training; only {@link ProblemHandler}, at the edge,
 * knows which HTTP status each kind becomes. {@link #kind()} is the stable problem type
 * ({@value ProblemHandler#TYPE_BASE}{kind}).
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException,
                NotFoundException,
                ConflictException,
                TooLargeException,
                LimitReachedException,
                UnavailableException,
                NotAcceptableException,
                ForbiddenException {

    private final String kind;
    private final String title;

    DomainException(String kind, String title, String detail) {
        super(detail);
        this.kind = kind;
        this.title = title;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    /** The fields at fault, each with its reason; empty when no single field is. */
    public List<FieldProblem> errors() {
        return List.of();
    }

    /** Extension members of the problem body beyond {@code errors}. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
