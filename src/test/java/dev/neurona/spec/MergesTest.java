package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.neurona.dataset.Task;
import java.nio.FloatBuffer;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The merges (add, multiply, average, concatenate) on a batch, against values computed by hand. Each network has its
 * weights set by hand; its output layer is the identity and its softmax is left to the head, so the block's output is
 * what the merge computed.
 */
class MergesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Offset<Float> EXACT = Offset.offset(1e-5f);

    /** Two rows of two features: x = (1, 2) and (-1, 3). */
    private static final float[] X = {1, 2, -1, 3};

    /**
     * a = relu(W_a·x + b_a) with W_a = [[1, 1], [2, -1]], b_a = (0, 1):
     *   (1, 2) → (3, 1);   (-1, 3) → relu(2, -4) = (2, 0).
     * b = W_b·x + b_b with W_b = [[0, 1], [1, 0]], b_b = (0.5, -2):
     *   (1, 2) → (2.5, -1);   (-1, 3) → (3.5, -3).
     */
    private static final float[][] BRANCHES = {{1, 1, 2, -1}, {0, 1}, {0, 1, 1, 0}, {0.5f, -2}};

    private static final String A = "{\"type\": \"dense\", \"units\": 2, \"activation\": \"relu\", \"name\": \"a\"}";
    private static final String B = "{\"type\": \"dense\", \"units\": 2, \"name\": \"b\", \"inputs\": [\"input\"]}";

    @Test
    void addSumsTheBranches() {
        // a + b: (3 + 2.5, 1 - 1) = (5.5, 0);   (2 + 3.5, 0 - 3) = (5.5, -3)
        assertThat(twoBranches("add", "[\"a\", \"b\"]", 2)).containsExactly(new float[] {5.5f, 0, 5.5f, -3}, EXACT);
    }

    @Test
    void multiplyTakesTheProductElementByElement() {
        // a · b: (3 · 2.5, 1 · -1) = (7.5, -1);   (2 · 3.5, 0 · -3) = (7, 0): -4 · -3 = 12 had the relu not run
        assertThat(twoBranches("multiply", "[\"a\", \"b\"]", 2)).containsExactly(new float[] {7.5f, -1, 7, 0}, EXACT);
    }

    @Test
    void averageDividesBySeveralInputs() {
        // (a + b) / 2: (2.75, 0);   (2.75, -1.5)
        assertThat(twoBranches("average", "[\"a\", \"b\"]", 2))
                .containsExactly(new float[] {2.75f, 0, 2.75f, -1.5f}, EXACT);
        // (x + a + b) / 3: ((1 + 3 + 2.5) / 3, (2 + 1 - 1) / 3) = (6.5/3, 2/3);   ((-1 + 2 + 3.5) / 3, 0) = (1.5, 0)
        assertThat(twoBranches("average", "[\"input\", \"a\", \"b\"]", 2))
                .containsExactly(new float[] {6.5f / 3, 2f / 3, 1.5f, 0}, EXACT);
    }

    @Test
    void addTakesTheModelsInputForASkipConnection() {
        // x + a: (1 + 3, 2 + 1) = (4, 3);   (-1 + 2, 3 + 0) = (1, 3)
        assertThat(twoBranches("add", "[\"input\", \"a\"]", 2)).containsExactly(new float[] {4, 3, 1, 3}, EXACT);
    }

    @Test
    void concatenateJoinsTheFeaturesInTheOrderTheInputsAreNamed() {
        // [a, b]: (3, 1, 2.5, -1);   (2, 0, 3.5, -3)
        assertThat(twoBranches("concatenate", "[\"a\", \"b\"]", 4))
                .containsExactly(new float[] {3, 1, 2.5f, -1, 2, 0, 3.5f, -3}, EXACT);
        // [b, a]: (2.5, -1, 3, 1);   (3.5, -3, 2, 0)
        assertThat(twoBranches("concatenate", "[\"b\", \"a\"]", 4))
                .containsExactly(new float[] {2.5f, -1, 3, 1, 3.5f, -3, 2, 0}, EXACT);
    }

    @Test
    void concatenateJoinsTheModelsInputWithAHiddenLayer() {
        // [x, a]: (1, 2, 3, 1);   (-1, 3, 2, 0)
        assertThat(twoBranches("concatenate", "[\"input\", \"a\"]", 4))
                .containsExactly(new float[] {1, 2, 3, 1, -1, 3, 2, 0}, EXACT);
    }

    /**
     * Images of 1 × 2 × 2; c2 = 1×1 conv of 2 filters (weights 1, -1; biases 0, 0.5) gives x and 0.5 − x, c3 = 1×1
     * conv of 3 filters (weights 2, 0, 1; biases 0, 1, -1) gives 2x, 1 and x − 1: concatenated, 5 channels. The output
     * layer reads channel k as 10 · pixel (0, 0) + pixel (1, 1), at column k·4 + 0 and k·4 + 3 of the flattened
     * (5, 2, 2).
     */
    @Test
    void concatenateOnImagesAddsUpTheChannels() {
        DataShape images = new DataShape(List.of(1, 2, 2), Task.CLASSIFICATION, List.of("a", "b", "c", "d", "e"), 50);
        String layers =
                """
                [{"type": "conv2d", "filters": 2, "kernelSize": 1, "name": "c2"},
                 {"type": "conv2d", "filters": 3, "kernelSize": 1, "name": "c3", "inputs": ["input"]},
                 {"type": "concatenate", "inputs": ["c2", "c3"], "name": "joined"},
                 {"type": "flatten"},
                 {"type": "dense", "units": 5, "activation": "softmax"}]""";
        ModelSpec resolved = SpecValidator.resolve(spec(layers), images);
        assertThat(ShapeInference.table(resolved, images.inputShape()))
                .extracting(LayerRow::outputShape)
                .containsExactly(
                        List.of(-1, 2, 2, 2),
                        List.of(-1, 3, 2, 2),
                        List.of(-1, 5, 2, 2),
                        List.of(-1, 20),
                        List.of(-1, 5));
        float[] picker = new float[5 * 20];
        for (int k = 0; k < 5; k++) {
            picker[k * 20 + k * 4] = 10;
            picker[k * 20 + k * 4 + 3] = 1;
        }
        float[] out = run(
                resolved,
                new Shape(2, 1, 2, 2),
                new float[] {1, 2, 3, 4, 0, -1, 0.5f, 2},
                false,
                new float[] {1, -1},
                new float[] {0, 0.5f},
                new float[] {2, 0, 1},
                new float[] {0, 1, -1},
                picker,
                new float[5]);

        // image 1, pixels (0, 0) = 1 and (1, 1) = 4:
        //   x: 10 + 4 = 14;  0.5 − x: −5 − 3.5 = −8.5;  2x: 20 + 8 = 28;  1: 10 + 1 = 11;  x − 1: 0 + 3 = 3
        // image 2, pixels (0, 0) = 0 and (1, 1) = 2:
        //   x: 0 + 2 = 2;  0.5 − x: 5 − 1.5 = 3.5;  2x: 0 + 4 = 4;  1: 11;  x − 1: −10 + 1 = −9
        assertThat(out).containsExactly(new float[] {14, -8.5f, 28, 11, 3, 2, 3.5f, 4, 11, -9}, EXACT);
    }

    /**
     * Training runs backwards through the merges to both branches. With the identity output and L = Σ out, ∂L/∂out = 1
     * for both rows, and a bias gradient sums, over the rows, ∂L/∂(branch) times relu' (a only: 0 where a's
     * pre-activation -4 was cut).
     */
    @Test
    void gradientsFlowBackThroughEachMergeToBothBranches() {
        // add: ∂L/∂a = ∂L/∂b = 1: b_a gets (1 + 1, 1 + 0) = (2, 1), b_b gets (2, 2)
        assertThat(twoBranches("add", "[\"a\", \"b\"]", 2, true)).containsExactly(new float[] {2, 1, 2, 2}, EXACT);
        // average: half of add's
        assertThat(twoBranches("average", "[\"a\", \"b\"]", 2, true))
                .containsExactly(new float[] {1, 0.5f, 1, 1}, EXACT);
        // multiply: ∂L/∂a = b, ∂L/∂b = a: b_a gets (2.5 + 3.5, -1 + 0) = (6, -1), b_b gets (3 + 2, 1 + 0) = (5, 1)
        assertThat(twoBranches("multiply", "[\"a\", \"b\"]", 2, true))
                .containsExactly(new float[] {6, -1, 5, 1}, EXACT);
        // concatenate: each branch gets its own columns' ones, as with add
        assertThat(twoBranches("concatenate", "[\"b\", \"a\"]", 4, true))
                .containsExactly(new float[] {2, 1, 2, 2}, EXACT);
        // a taken twice (add of a with a) gets both: (4, 2)
        assertThat(twoBranches("add", "[\"a\", \"a\"]", 2, true)).containsExactly(new float[] {4, 2}, EXACT);
    }

    /**
     * Branch a, branch b when the merge takes it (a layer nobody takes is refused), the merge of {@code inputs}, then
     * an identity output layer of {@code width} units.
     */
    private static float[] twoBranches(String merge, String inputs, int width) {
        return twoBranches(merge, inputs, width, false);
    }

    /** As {@link #twoBranches(String, String, int)}, or the gradients of the sum of the outputs by a's and b's bias. */
    private static float[] twoBranches(String merge, String inputs, int width, boolean gradients) {
        boolean withB = inputs.contains("\"b\"");
        List<String> classes = List.of("k0", "k1", "k2", "k3").subList(0, width);
        DataShape table = new DataShape(2, Task.CLASSIFICATION, classes, 50);
        ModelSpec resolved = SpecValidator.resolve(
                spec("[" + A + ", " + (withB ? B + ", " : "") + "{\"type\": \"" + merge + "\", \"inputs\": " + inputs
                        + "}, " + "{\"type\": \"dense\", \"units\": " + width + ", \"activation\": \"softmax\"}]"),
                table);
        float[] identity = new float[width * width];
        for (int i = 0; i < width; i++) {
            identity[i * width + i] = 1;
        }
        List<float[]> parameters = new java.util.ArrayList<>(List.of(BRANCHES));
        if (!withB) {
            parameters.subList(2, 4).clear();
        }
        parameters.add(identity);
        parameters.add(new float[width]);
        return run(resolved, new Shape(2, 2), X, gradients, parameters.toArray(float[][]::new));
    }

    /**
     * The block's output on {@code x}, with each child that has parameters given its weight and bias in turn; or, with
     * {@code gradients}, the gradients of the sum of that output by the biases of all those children but the last.
     */
    private static float[] run(ModelSpec resolved, Shape shape, float[] x, boolean gradients, float[]... parameters) {
        Network network = NetworkBuilder.build(resolved);
        assertThat(network.block()).isInstanceOf(GraphBlock.class);
        assertThat(network.head()).isEqualTo(OutputHead.SOFTMAX);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Shape one = new Shape(1).addAll(shape.slice(1));
            network.block().initialize(manager, DataType.FLOAT32, one);
            List<Block> weighted = network.block().getChildren().values().stream()
                    .filter(child -> !child.getParameters().isEmpty())
                    .toList();
            assertThat(weighted).hasSize(parameters.length / 2);
            for (int i = 0; i < weighted.size(); i++) {
                set(weighted.get(i), "weight", parameters[2 * i]);
                set(weighted.get(i), "bias", parameters[2 * i + 1]);
            }
            NDArray input = manager.create(x, shape);
            if (gradients) {
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray out = network.block()
                            .forward(new ParameterStore(manager, false), new NDList(input), true)
                            .singletonOrThrow();
                    collector.backward(out.sum());
                }
                List<float[]> biases = weighted.subList(0, weighted.size() - 1).stream()
                        .map(child -> child.getParameters()
                                .get("bias")
                                .getArray()
                                .getGradient()
                                .toFloatArray())
                        .toList();
                float[] all = new float[biases.stream().mapToInt(b -> b.length).sum()];
                int at = 0;
                for (float[] b : biases) {
                    System.arraycopy(b, 0, all, at, b.length);
                    at += b.length;
                }
                return all;
            }
            return network.block()
                    .forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    private static ModelSpec spec(String layers) {
        return JSON.readValue("{\"layers\": " + layers + ", \"seed\": 3}", ModelSpec.class);
    }

    private static void set(Block block, String name, float... values) {
        NDArray array = block.getParameters().get(name).getArray();
        assertThat(array.size()).as(name).isEqualTo(values.length);
        array.set(FloatBuffer.wrap(values));
    }
}
