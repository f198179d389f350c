package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wiring of graph specs (Keras' functional API) as {@link SpecValidator#resolve} reports it: names, unknown and
 * later inputs, cycles, arity, layers that do not lead to the output, each at its JSON path.
 */
class GraphTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DataShape IRIS =
            new DataShape(4, Task.CLASSIFICATION, List.of("setosa", "versicolor", "virginica"), 150);
    private static final String OUT = "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}";

    private static ModelSpec spec(String layers) {
        return JSON.readValue("{\"layers\": " + layers + ", \"seed\": 3}", ModelSpec.class);
    }

    private static List<FieldProblem> problems(String layers) {
        DomainException e =
                catchThrowableOfType(DomainException.class, () -> SpecValidator.resolve(spec(layers), IRIS));
        assertThat(e).as("expected the spec to be refused").isNotNull();
        assertThat(e).isInstanceOf(InvalidInputException.class);
        return e.errors();
    }

    private static String dense(String name, String... inputs) {
        String wiring = name == null ? "" : ", \"name\": \"" + name + "\"";
        if (inputs.length > 0) {
            wiring += ", \"inputs\": [\"" + String.join("\", \"", inputs) + "\"]";
        }
        return "{\"type\": \"dense\", \"units\": 8, \"activation\": \"relu\"" + wiring + "}";
    }

    @Test
    void anUnknownInputIsNamedAtItsPlaceInTheListWithTheKnownNames() {
        List<FieldProblem> problems = problems("[" + dense("h1") + ", " + dense("h2", "input")
                + ", {\"type\": \"add\", \"inputs\": " + "[\"h1\", \"h3\"]}, " + OUT + "]");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[2].inputs[1]");
        assertThat(problems.get(0).message())
                .contains("no layer is named 'h3'")
                .contains("the names are input, h1, h2");
    }

    @Test
    void anInputNamedWhenNoLayerHasANameSaysSo() {
        List<FieldProblem> problems = problems("[" + dense(null) + ", " + dense(null, "h1") + ", " + OUT + "]");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[1].inputs[0]");
        assertThat(problems.get(0).message()).contains("no layer is named 'h1'").contains("give the layer a \"name\"");
    }

    @Test
    void namesAreUniqueAndInputIsReserved() {
        List<FieldProblem> duplicate = problems("[" + dense("h1") + ", " + dense("h1") + ", " + OUT + "]");
        assertThat(duplicate).extracting(FieldProblem::field).containsExactly("spec.layers[1].name");
        assertThat(duplicate.get(0).message())
                .contains("'h1' already names spec.layers[0]")
                .contains("unique");

        List<FieldProblem> reserved = problems("[" + dense("input") + ", " + OUT + "]");
        assertThat(reserved).extracting(FieldProblem::field).containsExactly("spec.layers[0].name");
        assertThat(reserved.get(0).message()).contains("'input' names the model's input");
    }

    @Test
    void aNameMustStartWithALetterAndHoldNoSpacesOrPunctuation() {
        for (String bad : List.of("1st", "my layer", "h.1", "_h", "é", "a".repeat(65))) {
            List<FieldProblem> problems = problems("[" + dense(bad) + ", " + OUT + "]");
            assertThat(problems).as(bad).extracting(FieldProblem::field).containsExactly("spec.layers[0].name");
            assertThat(problems.get(0).message()).as(bad).contains("must start with a letter");
        }
        // the longest allowed name, and every kind of character the pattern takes
        assertThat(SpecValidator.resolve(spec("[" + dense("a".repeat(64)) + ", " + OUT + "]"), IRIS))
                .isNotNull();
        assertThat(SpecValidator.resolve(spec("[" + dense("Block_2-a") + ", " + OUT + "]"), IRIS))
                .isNotNull();
    }

    @Test
    void twoLayersTakingEachOtherAreACycleSpelledOut() {
        List<FieldProblem> problems = problems("[" + dense("a", "b") + ", " + dense("b", "a") + ", " + OUT + "]");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[0].inputs[0]");
        assertThat(problems.get(0).message()).contains("cycle (a → b → a)");
    }

    @Test
    void aLongerCycleIsSpelledOutInTheDirectionTheValuesFlow() {
        // a takes c, b takes a, c takes b: values flow a → b → c → a
        List<FieldProblem> problems =
                problems("[" + dense("a", "c") + ", " + dense("b", "a") + ", " + dense("c", "b") + ", " + OUT + "]");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[0].inputs[0]");
        assertThat(problems.get(0).message()).contains("cycle (a → b → c → a)");
    }

    @Test
    void aLayerTakingItselfIsRefused() {
        List<FieldProblem> problems = problems("[" + dense("a", "a") + ", " + OUT + "]");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[0].inputs[0]");
        assertThat(problems.get(0).message()).contains("cannot take its own output");
    }

    @Test
    void anInputListedLaterWithoutACycleAsksForTheOrderTheyCompute() {
        List<FieldProblem> problems = problems(
                "[" + dense("a", "b") + ", " + dense("b", "input") + ", " + dense(null, "a") + ", " + OUT + "]");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[0].inputs[0]");
        assertThat(problems.get(0).message())
                .contains("'b' is listed after this layer (at spec.layers[1])")
                .contains("in the order they compute")
                .doesNotContain("cycle");
    }

    @Test
    void aMergeTakesTwoOrMoreInputs() {
        List<FieldProblem> one =
                problems("[" + dense("h1") + ", {\"type\": \"add\", \"inputs\": [\"h1\"]}, " + OUT + "]");
        assertThat(one).extracting(FieldProblem::field).containsExactly("spec.layers[1].inputs");
        assertThat(one.get(0).message())
                .contains("add merges 2 to 16 layers, got 1")
                .contains("at least two");

        List<FieldProblem> none = problems("[" + dense("h1") + ", {\"type\": \"concatenate\"}, " + OUT + "]");
        assertThat(none).extracting(FieldProblem::field).containsExactly("spec.layers[1].inputs");
        assertThat(none.get(0).message()).contains("required").contains("concatenate merges two or more layers");

        String seventeen = "[\"" + String.join("\", \"", java.util.Collections.nCopies(17, "h1")) + "\"]";
        List<FieldProblem> many =
                problems("[" + dense("h1") + ", {\"type\": \"average\", \"inputs\": " + seventeen + "}, " + OUT + "]");
        assertThat(many).extracting(FieldProblem::field).containsExactly("spec.layers[1].inputs");
        assertThat(many.get(0).message()).contains("average merges 2 to 16 layers, got 17");
    }

    @Test
    void aDenseLayerTakesOneInputAndIsToldToMergeFirst() {
        List<FieldProblem> problems = problems(
                "[" + dense("h1") + ", " + dense("h2", "input") + ", " + dense(null, "h1", "h2") + ", " + OUT + "]");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[2].inputs");
        assertThat(problems.get(0).message())
                .contains("dense takes one input, got 2")
                .contains("merge them first with add, concatenate, multiply or average");
    }

    @Test
    void aLayerNoOneTakesIsDanglingUnlessItIsTheOutput() {
        List<FieldProblem> problems = problems("[" + dense("h1") + ", " + dense("side", "h1")
                + ", {\"type\": \"dense\", \"units\": 3, " + "\"activation\": \"softmax\", \"inputs\": [\"h1\"]}]");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[1]");
        assertThat(problems.get(0).message())
                .contains("no layer takes side and it is not the last layer (the output)")
                .contains("name it in a later layer's inputs, or remove it");
    }

    @Test
    void aLayerThatOnlyFeedsADanglingOneIsNamedToo() {
        List<FieldProblem> problems = problems("[" + dense("h1") + ", " + dense("a", "input") + ", " + dense("b", "a")
                + ", " + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\", \"inputs\": [\"h1\"]}]");

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[1]", "spec.layers[2]");
        assertThat(problems.get(0).message()).contains("only layers that do not lead to the output take a");
        assertThat(problems.get(1).message()).contains("no layer takes b");
    }

    @Test
    void wiringProblemsShowTogetherWithTheLayersOwnProblems() {
        List<FieldProblem> problems = problems(
                "[{\"type\": \"dense\", \"units\": 0, \"name\": \"h1\"}, " + dense(null, "h9") + ", " + OUT + "]");

        assertThat(problems)
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("spec.layers[0].units", "spec.layers[1].inputs[0]");
    }

    @Test
    void aPlainStackStillValidatesAndIsWrittenAsBefore() {
        String stack = "[{\"type\": \"dense\", \"units\": 8, \"activation\": \"relu\"}, {\"type\": \"dropout\", "
                + "\"rate\": 0.1}, " + OUT + "]";
        ModelSpec resolved = SpecValidator.resolve(spec(stack), IRIS);

        assertThat(Graph.of(resolved.layers()).chain()).isTrue();
        assertThat(resolved.layers()).allSatisfy(layer -> {
            assertThat(layer.name()).isNull();
            assertThat(layer.inputs()).isNull();
        });
        String json = JSON.writeValueAsString(resolved.layers());
        assertThat(json).doesNotContain("\"name\"").doesNotContain("\"inputs\"");
        assertThat(ShapeInference.table(resolved, IRIS.inputShape())).allSatisfy(row -> {
            assertThat(row.name()).isNull();
            assertThat(row.inputs()).isNull();
        });
        assertThat(JSON.writeValueAsString(ShapeInference.table(resolved, IRIS.inputShape())))
                .doesNotContain("\"name\"")
                .doesNotContain("\"inputs\"");
    }

    @Test
    void namesAndInputsSurviveResolvingAndAreWrittenBack() {
        ModelSpec resolved = SpecValidator.resolve(
                spec("[" + dense("h1") + ", " + dense("h2") + ", {\"type\": \"add\", \"name\": \"sum\", "
                        + "\"inputs\": [\"h1\", \"h2\"]}, " + OUT + "]"),
                IRIS);

        assertThat(resolved.layers()).extracting(LayerSpec::name).containsExactly("h1", "h2", "sum", null);
        assertThat(resolved.layers().get(2).inputs()).containsExactly("h1", "h2");
        Graph graph = Graph.of(resolved.layers());
        assertThat(graph.chain()).isFalse();
        assertThat(graph.inputs()).containsExactly(List.of(Graph.INPUT), List.of(0), List.of(0, 1), List.of(2));
        ModelSpec again = JSON.readValue(JSON.writeValueAsString(resolved), ModelSpec.class);
        assertThat(again.layers()).isEqualTo(resolved.layers());
    }
}
