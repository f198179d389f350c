package dev.neurona.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.spec.LayerRow;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a request names a layer: by name, by 0-based index into spec.layers, or "input"; everything else a 400. */
class LayerChoiceTest {

    static final List<LayerRow> ROWS = List.of(
            new LayerRow(0, "flatten", "", List.of(-1, 784), 0, null, null),
            new LayerRow(1, "dense", "", List.of(-1, 32), 25_120, "h1", null),
            new LayerRow(2, "dense", "", List.of(-1, 10), 330, "7", null));

    @Test
    void aNameAnIndexOrTheInput() {
        assertThat(choose("h1").index()).isEqualTo(1);
        assertThat(choose(0).index()).isZero();
        assertThat(choose(0L).type()).isEqualTo("flatten");
        assertThat(choose("1").name()).isEqualTo("h1");
        // a name wins over digits
        assertThat(choose("7").index()).isEqualTo(2);
        LayerChoice input = choose(" input ");
        assertThat(input.index()).isEqualTo(LoadedModel.INPUT);
        assertThat(input.outputShape()).containsExactly(-1, 1, 28, 28);
        assertThat(input.width()).isEqualTo(784);
        assertThat(input.info().index()).isNull();
        assertThat(choose(1).width()).isEqualTo(32);
    }

    @Test
    void everythingElseIsA400OnTheField() {
        assertThat(refused(null)).contains("required");
        assertThat(refused(" ")).contains("required");
        assertThat(refused("h2"))
                .contains("no layer named 'h2'")
                .contains("h1, 7")
                .contains("0 to 2");
        assertThat(refused(3)).contains("0 to 2").contains("was 3");
        assertThat(refused(-1)).contains("0 to 2");
        assertThat(refused("99999999999999")).contains("0 to 2");
        assertThat(refused(new BigInteger("123456789012345678901234567890"))).contains("0 to 2");
        assertThat(refused(1.5)).contains("whole number");
        assertThat(refused(true)).contains("whole number");
        assertThat(refused("x".repeat(10_000))).hasSizeLessThan(300);
    }

    private static LayerChoice choose(Object asked) {
        return LayerChoice.of(asked, "layer", ROWS, List.of(1, 28, 28));
    }

    private static String refused(Object asked) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> choose(asked));
        assertThat(t).isInstanceOf(InvalidInputException.class);
        List<FieldProblem> errors = ((InvalidInputException) t).errors();
        assertThat(errors).extracting(FieldProblem::field).containsExactly("layer");
        return errors.get(0).message();
    }
}
