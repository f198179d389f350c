package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Convolutional layers: shapes and parameter counts by hand, the built block agreeing, and misfits named. */
class ConvShapeTest {

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final DataShape MNIST = new DataShape(List.of(1, 28, 28), Task.CLASSIFICATION, DIGITS, 60_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ModelSpec spec(String layers) {
        return JSON.readValue("{\"layers\": " + layers + ", \"seed\": 3}", ModelSpec.class);
    }

    /** Keras' classic examples/mnist_cnn.py: "Total params: 1,199,882". */
    private static final String KERAS_MNIST_CNN =
            """
            [{"type": "conv2d", "filters": 32, "kernelSize": 3, "activation": "relu"},
             {"type": "conv2d", "filters": 64, "kernelSize": [3, 3], "activation": "relu"},
             {"type": "maxpool2d", "poolSize": 2},
             {"type": "dropout", "rate": 0.25},
             {"type": "flatten"},
             {"type": "dense", "units": 128, "activation": "relu"},
             {"type": "dropout", "rate": 0.5},
             {"type": "dense", "units": 10, "activation": "softmax"}]""";

    @Test
    void kerasMnistCnnHasItsPublishedParameterCount() {
        ModelSpec resolved = SpecValidator.resolve(spec(KERAS_MNIST_CNN), MNIST);
        List<LayerRow> rows = ShapeInference.table(resolved, MNIST.inputShape());

        assertThat(rows)
                .extracting(LayerRow::outputShape)
                .containsExactly(
                        List.of(-1, 32, 26, 26),
                        List.of(-1, 64, 24, 24),
                        List.of(-1, 64, 12, 12),
                        List.of(-1, 64, 12, 12),
                        List.of(-1, 9216),
                        List.of(-1, 128),
                        List.of(-1, 128),
                        List.of(-1, 10));
        assertThat(rows)
                .extracting(LayerRow::parameters)
                .containsExactly(320L, 18_496L, 0L, 0L, 0L, 1_179_776L, 0L, 1_290L);
        assertThat(rows.stream().mapToLong(LayerRow::parameters).sum()).isEqualTo(1_199_882L);
        assertThat(builtParameters(resolved, new Shape(2, 1, 28, 28), new Shape(2, 10)))
                .isEqualTo(1_199_882L);
        // the resolved spec is stored as JSON with the job and the model: it must come back the same
        assertThat(JSON.readValue(JSON.writeValueAsString(resolved), ModelSpec.class))
                .isEqualTo(resolved);
    }

    @Test
    void samePaddingStridesPoolingGlobalPoolAndBatchnormAgreeWithTheBuiltBlock() {
        ModelSpec resolved = SpecValidator.resolve(
                spec(
                        """
                [{"type": "conv2d", "filters": 8, "kernelSize": 5, "padding": "same", "activation": "relu"},
                 {"type": "batchnorm"},
                 {"type": "avgpool2d", "poolSize": 2, "padding": "same"},
                 {"type": "conv2d", "filters": 16, "kernelSize": 3, "strides": 2},
                 {"type": "globalavgpool2d"},
                 {"type": "dense", "units": 10, "activation": "softmax"}]"""),
                MNIST);
        List<LayerRow> rows = ShapeInference.table(resolved, MNIST.inputShape());

        // 28 →(same) 28 →(pool 2) 14 →(3×3, stride 2, valid) 6
        assertThat(rows)
                .extracting(LayerRow::outputShape)
                .containsExactly(
                        List.of(-1, 8, 28, 28),
                        List.of(-1, 8, 28, 28),
                        List.of(-1, 8, 14, 14),
                        List.of(-1, 16, 6, 6),
                        List.of(-1, 16),
                        List.of(-1, 10));
        // conv 5·5·1·8+8, batchnorm 4·8 (γ, β, moving mean and variance, as Keras counts), conv 3·3·8·16+16, dense
        assertThat(rows).extracting(LayerRow::parameters).containsExactly(208L, 32L, 0L, 1_168L, 0L, 170L);
        assertThat(builtParameters(resolved, new Shape(2, 1, 28, 28), new Shape(2, 10)))
                .isEqualTo(1_578L);
    }

    @Test
    void sameMaxPoolingOnAnOddSizeRoundsUpLikeKeras() {
        DataShape seven = new DataShape(List.of(3, 7, 7), Task.CLASSIFICATION, List.of("a", "b"), 100);
        ModelSpec resolved = SpecValidator.resolve(
                spec(
                        """
                [{"type": "maxpool2d", "poolSize": 2, "padding": "same"}, {"type": "flatten"},
                 {"type": "dense", "units": 2, "activation": "softmax"}]"""),
                seven);
        assertThat(ShapeInference.table(resolved, seven.inputShape()).get(0).outputShape())
                .isEqualTo(List.of(-1, 3, 4, 4));
        assertThat(builtParameters(resolved, new Shape(1, 3, 7, 7), new Shape(1, 2)))
                .isEqualTo(3 * 16 * 2 + 2);
    }

    @Test
    void misfitsAreNamedWithTheirPathAndAFix() {
        assertThat(problems(
                        """
                [{"type": "conv2d", "filters": 4, "kernelSize": 3}, {"type": "dense", "units": 10,
                  "activation": "softmax"}]""",
                        MNIST))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("spec.layers[1]");
                    assertThat(p.message()).contains("(4, 26, 26)").contains("flatten");
                });
        assertThat(problems(
                        """
                [{"type": "conv2d", "filters": 4, "kernelSize": 3}, {"type": "flatten"},
                 {"type": "dense", "units": 3, "activation": "softmax"}]""",
                        new DataShape(4, Task.CLASSIFICATION, List.of("a", "b", "c"), 150)))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[0]");
        assertThat(problems(
                        """
                [{"type": "maxpool2d", "poolSize": 8}, {"type": "maxpool2d", "poolSize": 8}, {"type": "flatten"},
                 {"type": "dense", "units": 10, "activation": "softmax"}]""",
                        MNIST))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[1].poolSize");
        assertThat(problems(
                        """
                [{"type": "conv2d", "filters": 4, "kernelSize": 2, "padding": "same"}, {"type": "flatten"},
                 {"type": "dense", "units": 10, "activation": "softmax"}]""",
                        MNIST))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[0].kernelSize");
        assertThat(problems(
                        """
                [{"type": "conv2d", "filters": 0, "kernelSize": [3, 3, 3], "padding": "full"}, {"type": "flatten"},
                 {"type": "dense", "units": 10, "activation": "softmax"}]""",
                        MNIST))
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder(
                        "spec.layers[0].filters", "spec.layers[0].kernelSize", "spec.layers[0].padding");
        assertThat(problems(
                        """
                [{"type": "flatten"}, {"type": "dense", "units": 10, "activation": "softmax"}, {"type": "flatten"}]""",
                        MNIST))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[2]");
    }

    private static List<FieldProblem> problems(String layers, DataShape shape) {
        DomainException e =
                catchThrowableOfType(DomainException.class, () -> SpecValidator.resolve(spec(layers), shape));
        assertThat(e).as("expected the spec to be refused").isNotNull();
        return e.errors();
    }

    private static long builtParameters(ModelSpec resolved, Shape input, Shape expectedOutput) {
        Network network = NetworkBuilder.build(resolved);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            network.block().initialize(manager, DataType.FLOAT32, input);
            NDArray out = network.block()
                    .forward(new ParameterStore(manager, false), new NDList(manager.ones(input)), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(expectedOutput);
            long count = 0;
            for (Pair<String, ai.djl.nn.Parameter> p : network.block().getParameters()) {
                count += p.getValue().getArray().size();
            }
            return count;
        }
    }
}
