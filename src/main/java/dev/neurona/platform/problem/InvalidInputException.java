package dev.neurona.platform.problem;

import java.util.List;

/** Input that cannot be used, with the path of every field at fault (e.g. {@code spec.layers[2].units}). */
public final class InvalidInputException extends DomainException {

    private final List<FieldProblem> errors;

    public InvalidInputException(String field, String message) {
        this("Invalid request", List.of(new FieldProblem(field, message)));
    }

    public InvalidInputException(String title, List<FieldProblem> errors) {
        super("validation", title, summary(errors));
        this.errors = List.copyOf(errors);
    }

    @Override
    public List<FieldProblem> errors() {
        return errors;
    }

    /**
     * The same problems seen from one level up: a reader reports paths within its own input ({@code [3].x}), the
     * caller that knows where that input came from puts its name in front ({@code images[0].strokes}).
     */
    public InvalidInputException under(String prefix) {
        return new InvalidInputException(
                title(),
                errors.stream()
                        .map(p -> new FieldProblem(FieldPath.join(prefix, p.field()), p.message()))
                        .toList());
    }

    private static String summary(List<FieldProblem> errors) {
        if (errors.isEmpty()) {
            return "invalid request";
        }
        FieldProblem first = errors.get(0);
        return errors.size() == 1
                ? first.field() + ": " + first.message()
                : errors.size() + " problems, first: " + first.field() + ": " + first.message();
    }
}
