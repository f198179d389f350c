package dev.neurona.platform.problem;

import java.util.List;

/** The field's content is larger than a configured limit. */
public final class TooLargeException extends DomainException {

    private final List<FieldProblem> errors;

    public TooLargeException(String field, String message) {
        super("payload-too-large", "Payload too large", field + ": " + message);
        this.errors = List.of(new FieldProblem(field, message));
    }

    @Override
    public List<FieldProblem> errors() {
        return errors;
    }
}
