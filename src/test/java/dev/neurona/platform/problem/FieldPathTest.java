package dev.neurona.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void joinsIndexesDirectlyAndNamesWithADot() {
        assertThat(FieldPath.join("drawings[0]", "[2]")).isEqualTo("drawings[0][2]");
        assertThat(FieldPath.join("spec", "layers[1].units")).isEqualTo("spec.layers[1].units");
        assertThat(FieldPath.join("files[0]", "")).isEqualTo("files[0]");
        assertThat(FieldPath.join("", "[3]")).isEqualTo("[3]");
        assertThat(FieldPath.join(null, "rows")).isEqualTo("rows");
    }

    @Test
    void problemsOfAPartAreNamedUnderTheCallersField() {
        DomainException e = catchThrowableOfType(
                DomainException.class,
                () -> FieldPath.under("drawings[1]", () -> {
                    throw new InvalidInputException("[2]", "3 xs but 2 ys; each point needs both");
                }));

        assertThat(e).isInstanceOf(InvalidInputException.class);
        assertThat(e.kind()).isEqualTo("validation");
        assertThat(e.errors())
                .containsExactly(new FieldProblem("drawings[1][2]", "3 xs but 2 ys; each point needs both"));
        assertThat(e.getMessage()).isEqualTo("drawings[1][2]: 3 xs but 2 ys; each point needs both");
    }

    @Test
    void everyProblemMovesAndOtherExceptionsPassThrough() {
        DomainException two = new InvalidInputException(
                "Invalid request", List.of(new FieldProblem("", "empty"), new FieldProblem("x", "not a number")));

        DomainException moved = catchThrowableOfType(
                DomainException.class,
                () -> FieldPath.under("rows[4]", () -> {
                    throw two;
                }));
        IllegalStateException bug = catchThrowableOfType(
                IllegalStateException.class,
                () -> FieldPath.under("a", () -> {
                    throw new IllegalStateException("a bug, not bad input");
                }));

        assertThat(moved.errors()).extracting(FieldProblem::field).containsExactly("rows[4]", "rows[4].x");
        assertThat(moved.getMessage()).isEqualTo("2 problems, first: rows[4]: empty");
        assertThat(bug).hasMessage("a bug, not bad input");
        assertThat(FieldPath.under("a", () -> 7)).isEqualTo(7);
    }
}
