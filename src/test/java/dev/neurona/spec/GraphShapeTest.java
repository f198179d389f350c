package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shape walk on graphs (each row's shape, parameters, name and inputs; merges that do not fit), checked against
 * the DJL block built from the same spec; and a chain written with explicit inputs, which stays a plain stack.
 */
class GraphShapeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> THREE = List.of("a", "b", "c");
    private static final DataShape IRIS = new DataShape(4, Task.CLASSIFICATION, THREE, 150);
    private static final DataShape RGB = new DataShape(List.of(3, 8, 8), Task.CLASSIFICATION, THREE, 100);

    private static final String RESIDUAL =
            """
            [{"type": "dense", "units": 8, "activation": "relu", "name": "h1"},
             {"type": "dense", "units": 8, "activation": "relu", "name": "h2"},
             {"type": "add", "inputs": ["h1", "h2"], "name": "sum"},
             {"type": "dense", "units": 3, "activation": "softmax"}]""";

    /** Three convolution branches and the input itself (no pooling branch), joined along the channels. */
    private static final String INCEPTION =
            """
            [{"type": "conv2d", "filters": 4, "kernelSize": 1, "activation": "relu", "name": "b1"},
             {"type": "conv2d", "filters": 8, "kernelSize": 3, "padding": "same", "activation": "relu",
              "name": "b2", "inputs": ["input"]},
             {"type": "conv2d", "filters": 2, "kernelSize": 1, "activation": "relu", "name": "r3",
              "inputs": ["input"]},
             {"type": "conv2d", "filters": 4, "kernelSize": 5, "padding": "same", "activation": "relu", "name": "b3"},
             {"type": "concatenate", "inputs": ["b1", "b2", "b3", "input"], "name": "mixed"},
             {"type": "maxpool2d", "poolSize": 2},
             {"type": "globalavgpool2d"},
             {"type": "dense", "units": 3, "activation": "softmax"}]""";

    @Test
    void aResidualBlockAddsTwoLayersOfOneWidth() {
        ModelSpec resolved = SpecValidator.resolve(spec(RESIDUAL), IRIS);
        List<LayerRow> rows = ShapeInference.table(resolved, IRIS.inputShape());

        assertThat(rows)
                .extracting(LayerRow::type, LayerRow::outputShape, LayerRow::parameters)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dense", List.of(-1, 8), 4L * 8 + 8),
                        org.assertj.core.groups.Tuple.tuple("dense", List.of(-1, 8), 8L * 8 + 8),
                        org.assertj.core.groups.Tuple.tuple("add", List.of(-1, 8), 0L),
                        org.assertj.core.groups.Tuple.tuple("dense", List.of(-1, 3), 8L * 3 + 3));
        assertThat(rows).extracting(LayerRow::name).containsExactly("h1", "h2", "sum", null);
        assertThat(rows)
                .extracting(LayerRow::inputs)
                .containsExactly(List.of("input"), List.of("h1"), List.of("h1", "h2"), List.of("sum"));
        assertThat(rows.get(2).detail()).isEqualTo("sum of h1, h2");
        assertThat(builtParameters(resolved, new Shape(1, 4), rows.size()))
                .isEqualTo(rows.stream().map(LayerRow::parameters).toList());
        assertThat(JSON.writeValueAsString(rows.get(2))).contains("\"name\":\"sum\"", "\"inputs\":[\"h1\",\"h2\"]");
    }

    @Test
    void anInceptionLikeBlockSumsTheChannelsOfItsBranches() {
        ModelSpec resolved = SpecValidator.resolve(spec(INCEPTION), RGB);
        List<LayerRow> rows = ShapeInference.table(resolved, RGB.inputShape());

        assertThat(rows)
                .extracting(LayerRow::outputShape)
                .containsExactly(
                        List.of(-1, 4, 8, 8),
                        List.of(-1, 8, 8, 8),
                        List.of(-1, 2, 8, 8),
                        List.of(-1, 4, 8, 8),
                        List.of(-1, 4 + 8 + 4 + 3, 8, 8),
                        List.of(-1, 19, 4, 4),
                        List.of(-1, 19),
                        List.of(-1, 3));
        assertThat(rows)
                .extracting(LayerRow::parameters)
                .containsExactly(
                        1L * 1 * 3 * 4 + 4,
                        3L * 3 * 3 * 8 + 8,
                        1L * 1 * 3 * 2 + 2,
                        5L * 5 * 2 * 4 + 4,
                        0L,
                        0L,
                        0L,
                        19L * 3 + 3);
        assertThat(rows.get(4).inputs()).containsExactly("b1", "b2", "b3", "input");
        assertThat(rows.get(4).detail()).isEqualTo("joins b1, b2, b3, input");
        // unnamed layers are labelled by their place in the list
        assertThat(rows.get(6).inputs()).containsExactly("layers[5]");
        assertThat(builtParameters(resolved, new Shape(1, 3, 8, 8), rows.size()))
                .isEqualTo(rows.stream().map(LayerRow::parameters).toList());

        Network network = NetworkBuilder.build(resolved);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            assertThat(network.block().getOutputShapes(new Shape[] {new Shape(5, 3, 8, 8)}))
                    .containsExactly(new Shape(5, 3));
            NDArray out = network.block()
                    .forward(
                            new ParameterStore(manager, false),
                            new NDList(manager.randomUniform(0, 1, new Shape(5, 3, 8, 8))),
                            false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(5, 3));
        }
    }

    @Test
    void addingEightAndSixteenUnitsIsRefusedNamingBothShapes() {
        List<FieldProblem> problems = MaxoutTest.problems(
                """
                [{"type": "dense", "units": 8, "name": "h1"},
                 {"type": "dense", "units": 16, "name": "h2", "inputs": ["input"]},
                 {"type": "add", "inputs": ["h1", "h2"]},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""",
                IRIS);

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[2].inputs");
        assertThat(problems.get(0).message())
                .contains("add works element by element")
                .contains("h1 (8) and h2 (16)")
                .contains("use concatenate");
    }

    @Test
    void concatenatingImagesOfDifferentHeightsIsRefusedNamingBothShapes() {
        DataShape gray = new DataShape(List.of(1, 8, 8), Task.CLASSIFICATION, THREE, 100);
        List<FieldProblem> problems = MaxoutTest.problems(
                """
                [{"type": "conv2d", "filters": 4, "kernelSize": 3, "name": "c1"},
                 {"type": "conv2d", "filters": 2, "kernelSize": 1, "name": "c2", "inputs": ["input"]},
                 {"type": "concatenate", "inputs": ["c1", "c2"]},
                 {"type": "flatten"},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""",
                gray);

        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[2].inputs");
        assertThat(problems.get(0).message())
                .contains("other dimensions must agree")
                .contains("c1 (4, 6, 6) and c2 (2, 8, 8)");
    }

    @Test
    void theWalkStopsAtTheMergeThatDoesNotFit() {
        List<LayerSpec> layers =
                spec("""
                        [{"type": "flatten", "name": "flat"},
                         {"type": "concatenate", "inputs": ["flat", "input"]},
                         {"type": "dense", "units": 3}]""")
                        .layers();
        List<FieldProblem> problems = new ArrayList<>();
        List<LayerRow> rows = ShapeInference.walk(layers, List.of(1, 4, 4), problems);

        assertThat(rows).extracting(LayerRow::outputShape).containsExactly(List.of(-1, 16));
        assertThat(problems).extracting(FieldProblem::field).containsExactly("spec.layers[1].inputs");
        assertThat(problems.get(0).message()).contains("flat (16) and input (1, 4, 4)");
    }

    /**
     * Naming each layer's predecessor explicitly is still a stack: the same plain SequentialBlock, same parameters,
     * same output. And a GraphBlock wired by that chain computes what the SequentialBlock does.
     */
    @Test
    void aChainWrittenWithExplicitInputsIsAPlainStack() {
        String plain =
                """
                [{"type": "dense", "units": 8, "activation": "relu"},
                 {"type": "batchnorm"},
                 {"type": "dropout", "rate": 0.5},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""";
        String wired =
                """
                [{"type": "dense", "units": 8, "activation": "relu", "name": "h1", "inputs": ["input"]},
                 {"type": "batchnorm", "name": "bn", "inputs": ["h1"]},
                 {"type": "dropout", "rate": 0.5, "inputs": ["bn"], "name": "drop"},
                 {"type": "dense", "units": 3, "activation": "softmax", "inputs": ["drop"]}]""";
        ModelSpec a = SpecValidator.resolve(spec(plain), IRIS);
        ModelSpec b = SpecValidator.resolve(spec(wired), IRIS);
        assertThat(ShapeInference.table(b, IRIS.inputShape()))
                .allSatisfy(row -> assertThat(row.inputs()).isNull())
                .extracting(LayerRow::outputShape, LayerRow::parameters)
                .isEqualTo(ShapeInference.table(a, IRIS.inputShape()).stream()
                        .map(row -> org.assertj.core.groups.Tuple.tuple(row.outputShape(), row.parameters()))
                        .toList());

        Network stack = NetworkBuilder.build(a);
        Network chain = NetworkBuilder.build(b);
        assertThat(chain.graph().chain()).isTrue();
        assertThat(chain.block().getClass()).isEqualTo(SequentialBlock.class);
        assertThat(chain.blockLayers()).isEqualTo(stack.blockLayers());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Engine.getInstance().setRandomSeed(7);
            stack.block().initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            Engine.getInstance().setRandomSeed(7);
            chain.block().initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            List<Pair<String, Parameter>> ps =
                    stack.block().getParameters().stream().toList();
            List<Pair<String, Parameter>> pc =
                    chain.block().getParameters().stream().toList();
            assertThat(pc)
                    .extracting(Pair::getKey)
                    .isEqualTo(ps.stream().map(Pair::getKey).toList());
            for (int i = 0; i < ps.size(); i++) {
                assertThat(pc.get(i).getValue().getArray().toFloatArray())
                        .as(ps.get(i).getKey())
                        .containsExactly(ps.get(i).getValue().getArray().toFloatArray());
            }

            NDArray x = manager.randomNormal(new Shape(6, 4));
            float[] expected = forward(stack.block(), manager, x);
            assertThat(forward(chain.block(), manager, x)).containsExactly(expected);
            GraphBlock graph = new GraphBlock(a.layers(), Graph.stack(a.layers().size()), stack.blockLayers());
            graph.addAll(stack.block().getChildren().values());
            assertThat(forward(graph, manager, x)).containsExactly(expected);
            assertThat(graph.getOutputShapes(new Shape[] {new Shape(6, 4)})).containsExactly(new Shape(6, 3));
        }
    }

    private static float[] forward(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow()
                .toFloatArray();
    }

    /** The parameters of the built block's children, summed per spec layer. */
    private static List<Long> builtParameters(ModelSpec resolved, Shape input, int layers) {
        Network network = NetworkBuilder.build(resolved);
        assertThat(network.block()).isInstanceOf(GraphBlock.class);
        long[] perLayer = new long[layers];
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, input);
            List<Block> children = network.block().getChildren().values();
            for (int i = 0; i < children.size(); i++) {
                for (Pair<String, Parameter> p : children.get(i).getParameters()) {
                    perLayer[network.blockLayers().get(i)] +=
                            p.getValue().getArray().size();
                }
            }
            long total = 0;
            for (Pair<String, Parameter> p : network.block().getParameters()) {
                total += p.getValue().getArray().size();
            }
            assertThat(total).isEqualTo(java.util.Arrays.stream(perLayer).sum());
        }
        return java.util.Arrays.stream(perLayer).boxed().toList();
    }

    private static ModelSpec spec(String layers) {
        return JSON.readValue("{\"layers\": " + layers + ", \"seed\": 3}", ModelSpec.class);
    }
}
