package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Maxout: max over k of (W_k·x + b_k) against hand-computed values, its parameter count, its checks. */
class MaxoutTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DataShape TWO_INPUTS = new DataShape(2, Task.CLASSIFICATION, List.of("a", "b"), 100);
    private static final DataShape IRIS =
            new DataShape(4, Task.CLASSIFICATION, List.of("setosa", "versicolor", "virginica"), 150);

    private static ModelSpec spec(String layers) {
        return JSON.readValue("{\"layers\": " + layers + ", \"seed\": 3}", ModelSpec.class);
    }

    /**
     * 2 inputs, 2 units of 3 pieces each; the rows of the (6 × 2) weight are unit-major, piece k of unit u at
     * u·3 + k. The dense layer after it is the identity, and its softmax is left to the head, so the block's output
     * is the maxout's.
     */
    @Test
    void eachUnitIsTheLargestOfItsPieces() {
        ModelSpec resolved = SpecValidator.resolve(
                spec(
                        """
                        [{"type": "maxout", "units": 2, "pieces": 3},
                         {"type": "dense", "units": 2, "activation": "softmax"}]"""),
                TWO_INPUTS);
        Network network = NetworkBuilder.build(resolved);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            List<Block> children = network.block().getChildren().values();
            set(children.get(0), "weight", 1, 0, 0, 1, -1, 1, 2, -1, -1, -1, 0, 0);
            set(children.get(0), "bias", 0, 0.5f, 0, 1, 0, -2.5f);
            set(children.get(2), "weight", 1, 0, 0, 1);
            set(children.get(2), "bias", 0, 0);

            NDArray x = manager.create(new float[] {1, 2, -1, 3}, new Shape(2, 2));
            float[] out = network.block()
                    .forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow()
                    .toFloatArray();

            // x = (1, 2):  unit 0: max(1, 2.5, 1) = 2.5;   unit 1: max(1, -3, -2.5) = 1
            // x = (-1, 3): unit 0: max(-1, 3.5, 4) = 4;    unit 1: max(-4, -2, -2.5) = -2
            assertThat(out)
                    .containsExactly(new float[] {2.5f, 1f, 4f, -2f}, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void countsInputsPlusOneTimesUnitsTimesPiecesAsTheBuiltBlockHas() {
        ModelSpec resolved = SpecValidator.resolve(
                spec(
                        """
                        [{"type": "maxout", "units": 8, "pieces": 3, "l2": 0.001},
                         {"type": "dense", "units": 3, "activation": "softmax"}]"""),
                IRIS);
        List<LayerRow> rows = ShapeInference.table(resolved, IRIS.inputShape());

        assertThat(rows).extracting(LayerRow::parameters).containsExactly((4L + 1) * 8 * 3, 8L * 3 + 3);
        assertThat(rows).extracting(LayerRow::outputShape).containsExactly(List.of(-1, 8), List.of(-1, 3));
        assertThat(rows.get(0).detail()).isEqualTo("8 units, max of 3 pieces");
        Network network = NetworkBuilder.build(resolved);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            long parameters = 0;
            for (Pair<String, ai.djl.nn.Parameter> p : network.block().getParameters()) {
                parameters += p.getValue().getArray().size();
            }
            assertThat(parameters).isEqualTo(120 + 27);
        }
        assertThat(network.penalties()).extracting(Network.Penalty::l2).containsExactly(0.001);
        assertThat(network.blockLayers()).containsExactly(0, 0, 1);
    }

    @Test
    void piecesDefaultToTwoAndTheResolvedSpecShowsTheDefaults() {
        LayerSpec layer = SpecValidator.resolve(
                        spec("[{\"type\": \"maxout\", \"units\": 4}, {\"type\": \"dense\", \"units\": 3, "
                                + "\"activation\": \"softmax\"}]"),
                        IRIS)
                .layers()
                .get(0);

        assertThat(layer)
                .isEqualTo(new LayerSpec.Maxout(
                        4, 2, InitializerSpec.named("glorot_uniform"), InitializerSpec.named("zeros"), 0.0, 0.0));
    }

    @Test
    void badUnitsAndPiecesAreNamedWithTheReason() {
        assertThat(problems("[{\"type\": \"maxout\", \"units\": 0, \"pieces\": 17}, " + OUT + "]", IRIS))
                .extracting(FieldProblem::field, FieldProblem::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "spec.layers[0].units", "must be between 1 and 65536, was 0"),
                        org.assertj.core.groups.Tuple.tuple(
                                "spec.layers[0].pieces", "must be between 2 and 16, was 17"));
        assertThat(problems("[{\"type\": \"maxout\", \"pieces\": 1}, " + OUT + "]", IRIS))
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("spec.layers[0].units", "spec.layers[0].pieces");
    }

    @Test
    void onImagesItAsksForAFlattenAsDenseDoes() {
        DataShape images = new DataShape(List.of(1, 8, 8), Task.CLASSIFICATION, List.of("a", "b", "c"), 100);

        assertThat(problems("[{\"type\": \"maxout\", \"units\": 4}, " + OUT + "]", images))
                .extracting(FieldProblem::field, FieldProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "spec.layers[0]",
                        "maxout needs a flat input but gets (1, 8, 8): put {\"type\": \"flatten\"} (or "
                                + "globalavgpool2d) before it"));
    }

    private static final String OUT = "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}";

    static List<FieldProblem> problems(String layers, DataShape shape) {
        DomainException e =
                catchThrowableOfType(DomainException.class, () -> SpecValidator.resolve(spec(layers), shape));
        assertThat(e).as("expected the spec to be refused").isNotNull();
        return e.errors();
    }

    private static void set(Block block, String name, float... values) {
        block.getParameters().get(name).getArray().set(FloatBuffer.wrap(values));
    }
}
