package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.FieldProblem;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** conv1d and maxpool1d on (channels, length): shapes and parameters by hand, the built block, misfits named. */
class Conv1dTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DataShape BOARD = new DataShape(42, Task.CLASSIFICATION, List.of("win", "loss", "draw"), 500);
    private static final String OUT = "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}";
    private static final String SEQUENCE_NET =
            """
            [{"type": "reshape", "targetShape": [1, -1]},
             {"type": "conv1d", "filters": 4, "kernelSize": 3, "activation": "relu"},
             {"type": "maxpool1d", "poolSize": 2},
             {"type": "conv1d", "filters": 2, "kernelSize": 5, "strides": 2, "padding": "same"},
             {"type": "flatten"},
             {"type": "dense", "units": 3, "activation": "softmax"}]""";

    private static ModelSpec spec(String layers) {
        return JSON.readValue("{\"layers\": " + layers + ", \"seed\": 3}", ModelSpec.class);
    }

    @Test
    void aTableReshapedToOneChannelSlidesAlongItsLength() {
        ModelSpec resolved = SpecValidator.resolve(spec(SEQUENCE_NET), BOARD);
        List<LayerRow> rows = ShapeInference.table(resolved, BOARD.inputShape());

        // 42 → (1, 42) → (4, 40) → (4, 20) → same, stride 2: (2, ⌈20/2⌉ = 10) → 20 → 3
        assertThat(rows)
                .extracting(LayerRow::outputShape)
                .containsExactly(
                        List.of(-1, 1, 42),
                        List.of(-1, 4, 40),
                        List.of(-1, 4, 20),
                        List.of(-1, 2, 10),
                        List.of(-1, 20),
                        List.of(-1, 3));
        assertThat(rows)
                .extracting(LayerRow::parameters)
                .containsExactly(0L, 3L * 1 * 4 + 4, 0L, 5L * 4 * 2 + 2, 0L, 20L * 3 + 3);
        assertThat(resolved.layers().get(2)).isEqualTo(new LayerSpec.MaxPool1d(2, 2));

        Network network = NetworkBuilder.build(resolved);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 42));
            long parameters = 0;
            for (Pair<String, ai.djl.nn.Parameter> p : network.block().getParameters()) {
                parameters += p.getValue().getArray().size();
            }
            assertThat(parameters)
                    .isEqualTo(rows.stream().mapToLong(LayerRow::parameters).sum());
            NDArray out = network.block()
                    .forward(new ParameterStore(manager, false), new NDList(manager.ones(new Shape(7, 42))), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(7, 3));
        }
    }

    /** One filter (1, −1, 2) with bias 0.5 over 0, 1, …, 5: out[t] = t − (t+1) + 2(t+2) + 0.5 = 2t + 3.5. */
    @Test
    void theConvolutionComputesByHandThenThePoolTakesEachPairsMaximum() {
        ModelSpec resolved = SpecValidator.resolve(
                spec(
                        """
                        [{"type": "reshape", "targetShape": [1, 6]},
                         {"type": "conv1d", "filters": 1, "kernelSize": 3},
                         {"type": "maxpool1d"},
                         {"type": "flatten"},
                         {"type": "dense", "units": 2, "activation": "softmax"}]"""),
                new DataShape(6, Task.CLASSIFICATION, List.of("a", "b"), 100));
        Network network = NetworkBuilder.build(resolved);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 6));
            List<Block> children = network.block().getChildren().values();
            ParameterStore store = new ParameterStore(manager, false);
            children.get(1).getParameters().get("weight").getArray().set(FloatBuffer.wrap(new float[] {1, -1, 2}));
            children.get(1).getParameters().get("bias").getArray().set(FloatBuffer.wrap(new float[] {0.5f}));
            NDArray x = manager.arange(6f).reshape(1, 6);
            NDArray conv = children.get(1)
                    .forward(store, children.get(0).forward(store, new NDList(x), false), false)
                    .singletonOrThrow();
            assertThat(conv.toFloatArray()).containsExactly(3.5f, 5.5f, 7.5f, 9.5f);
            NDArray pooled =
                    children.get(2).forward(store, new NDList(conv), false).singletonOrThrow();
            assertThat(pooled.toFloatArray()).containsExactly(5.5f, 9.5f);
        }
    }

    @Test
    void misfitsAreNamedWithTheReason() {
        assertThat(MaxoutTest.problems(
                        "[{\"type\": \"conv1d\", \"filters\": 2, \"kernelSize\": 3}, " + OUT + "]", BOARD))
                .extracting(FieldProblem::field, FieldProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "spec.layers[0]",
                        "conv1d needs sequences (channels, length) but gets (42): put {\"type\": \"reshape\", "
                                + "\"targetShape\": [1, -1]} before it"));
        assertThat(MaxoutTest.problems(
                        "[{\"type\": \"reshape\", \"targetShape\": [6, 7]}, {\"type\": \"conv1d\", \"filters\": 2, "
                                + "\"kernelSize\": 8}, {\"type\": \"flatten\"}, " + OUT + "]",
                        BOARD))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[1].kernelSize");
        assertThat(MaxoutTest.problems(
                        "[{\"type\": \"reshape\", \"targetShape\": [6, 7]}, {\"type\": \"conv1d\", \"filters\": 2, "
                                + "\"kernelSize\": 2, \"padding\": \"same\"}, {\"type\": \"flatten\"}, " + OUT + "]",
                        BOARD))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[1].kernelSize");
        assertThat(MaxoutTest.problems(
                        "[{\"type\": \"reshape\", \"targetShape\": [6, 7]}, {\"type\": \"conv1d\", \"filters\": 0, "
                                + "\"strides\": 0}, {\"type\": \"maxpool1d\", \"poolSize\": 65}, {\"type\": \"flatten\"}, "
                                + OUT + "]",
                        BOARD))
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder(
                        "spec.layers[1].filters",
                        "spec.layers[1].kernelSize",
                        "spec.layers[1].strides",
                        "spec.layers[2].poolSize");
    }
}
