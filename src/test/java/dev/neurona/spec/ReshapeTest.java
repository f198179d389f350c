package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Reshape: the shape walk (counts kept, -1 inferred, misfits named with the reason) and the built block. */
class ReshapeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A connect-four-like table: 42 columns, one per cell of a 6×7 board. */
    private static final DataShape BOARD = new DataShape(42, Task.CLASSIFICATION, List.of("win", "loss", "draw"), 500);

    private static final String CNN_TAIL =
            """
            {"type": "conv2d", "filters": 4, "kernelSize": 3, "activation": "relu"},
            {"type": "flatten"},
            {"type": "dense", "units": 3, "activation": "softmax"}""";

    private static ModelSpec spec(String layers) {
        return JSON.readValue("{\"layers\": " + layers + ", \"seed\": 3}", ModelSpec.class);
    }

    @Test
    void fortyTwoColumnsBecomeABoardForAConvolution() {
        ModelSpec resolved = SpecValidator.resolve(
                spec("[{\"type\": \"reshape\", \"targetShape\": [1, 6, 7]}, " + CNN_TAIL + "]"), BOARD);
        List<LayerRow> rows = ShapeInference.table(resolved, BOARD.inputShape());

        assertThat(rows)
                .extracting(LayerRow::outputShape)
                .containsExactly(List.of(-1, 1, 6, 7), List.of(-1, 4, 4, 5), List.of(-1, 80), List.of(-1, 3));
        assertThat(rows).extracting(LayerRow::parameters).containsExactly(0L, 3L * 3 * 1 * 4 + 4, 0L, 80L * 3 + 3);
        assertThat(rows.get(0).detail()).isEqualTo("(42) → (1, 6, 7)");
    }

    @Test
    void minusOneIsInferredFromTheInput() {
        assertThat(walk(List.of(42), List.of(-1, 7))).isEqualTo(List.of(6, 7));
        assertThat(walk(List.of(42), List.of(1, -1, 7))).isEqualTo(List.of(1, 6, 7));
        assertThat(walk(List.of(2, 3, 7), List.of(-1))).isEqualTo(List.of(42));
    }

    @Test
    void countsThatDoNotMatchAreRefusedWithTheReason() {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(ShapeInference.reshaped(List.of(42), List.of(5, 8), "spec.layers[0].targetShape", problems))
                .isNull();
        assertThat(problems)
                .containsExactly(new FieldProblem(
                        "spec.layers[0].targetShape",
                        "the input (42) holds 42 values but [5, 8] holds 40: a reshape keeps every value"));

        List<FieldProblem> viaSpec = MaxoutTest.problems(
                "[{\"type\": \"dense\", \"units\": 8}, {\"type\": \"reshape\", \"targetShape\": [-1, 3]}, "
                        + "{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}]",
                BOARD);
        assertThat(viaSpec).extracting(FieldProblem::field).containsExactly("spec.layers[1].targetShape");
        assertThat(viaSpec.get(0).message()).contains("holds 8 values, not a multiple of 3");
    }

    @Test
    void malformedTargetShapesAreNamed() {
        String tail = ", {\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}]";
        for (String target : List.of("[]", "[1, 2, 3, 7]", "[-1, -1]", "[0, 42]", "[-2, 21]", "[2000000, 1]")) {
            assertThat(MaxoutTest.problems("[{\"type\": \"reshape\", \"targetShape\": " + target + "}" + tail, BOARD))
                    .as(target)
                    .extracting(FieldProblem::field)
                    .containsExactly("spec.layers[0].targetShape");
        }
        assertThat(MaxoutTest.problems("[{\"type\": \"reshape\"}" + tail, BOARD))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[0].targetShape");
    }

    @Test
    void theBuiltBlockReshapesEachRowAndKeepsTheBatch() {
        ModelSpec resolved = SpecValidator.resolve(
                spec("[{\"type\": \"reshape\", \"targetShape\": [1, -1, 7]}, " + CNN_TAIL + "]"), BOARD);
        Network network = NetworkBuilder.build(resolved);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 42));
            NDArray x = manager.arange(5 * 42f).reshape(5, 42);
            NDArray board = network.block()
                    .getChildren()
                    .values()
                    .get(0)
                    .forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow();
            assertThat(board.getShape()).isEqualTo(new Shape(5, 1, 6, 7));
            // row 2, cell (row 1, column 3) of the board is column 1·7 + 3 = 10 of the table
            assertThat(board.getFloat(2, 0, 1, 3)).isEqualTo(2 * 42 + 10);
            NDArray out = network.block()
                    .forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(5, 3));
        }
    }

    private static List<Integer> walk(List<Integer> input, List<Integer> target) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Integer> out = ShapeInference.reshaped(input, target, "spec.layers[0].targetShape", problems);
        assertThat(problems).isEmpty();
        return out;
    }
}
