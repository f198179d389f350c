package dev.neurona.model.export;

import static dev.neurona.model.export.OnnxAgreement.PROBABILITIES_OR_PREDICTION;
import static dev.neurona.model.export.OnnxAgreement.category;
import static dev.neurona.model.export.OnnxAgreement.classes;
import static dev.neurona.model.export.OnnxAgreement.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.OutputHead;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every layer kind, activation and head exported with random parameters and run in ONNX Runtime: on 1,000 raw
 * inputs, through the model's own preprocessing, the ONNX outputs equal Neurona's forward pass in inference mode.
 */
class OnnxExportTest {

    private static final List<String> ABC = List.of("a", "b", "c");
    private static final TabularEncoding THREE_NUMBERS = new TabularEncoding(
            List.of(number("x0", 5, 2), number("x1", -1, 0.5), number("x2", 100, 30)),
            "y",
            Task.CLASSIFICATION,
            ABC,
            null,
            null,
            false);

    private final OnnxAgreement onnx = new OnnxAgreement(7);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "linear",
                "relu",
                "sigmoid",
                "tanh",
                "softmax",
                "leaky_relu",
                "elu",
                "selu",
                "gelu",
                "softplus",
                "swish"
            })
    void everyActivationInDenseAndActivationLayersGivesNeuronasProbabilities(String activation) {
        String alpha = activation.equals("leaky_relu")
                ? ", \"alpha\": 0.05"
                : activation.equals("elu") ? ", \"alpha\": 0.7" : "";
        String layers = "[{\"type\": \"dense\", \"units\": 8, \"activation\": \"" + activation + "\"},"
                + "{\"type\": \"activation\", \"activation\": \"" + activation + "\"" + alpha + "},"
                + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}]";

        onnx.assertTableModelAgrees(layers, null, THREE_NUMBERS, PROBABILITIES_OR_PREDICTION);
    }

    @Test
    void numbersAndCategoriesWithMissingAndUnseenValuesThroughBatchnormDropoutAndASigmoidHead() {
        TabularEncoding encoding = new TabularEncoding(
                List.of(
                        number("age", 40, 12),
                        category("colour", List.of("blue", "green", "red"), "red"),
                        number("income", 3000, 900),
                        category("city", List.of("Bern", "Genève", "Zürich"), "Bern")),
                "bought",
                Task.CLASSIFICATION,
                List.of("no", "yes"),
                null,
                null,
                true);
        String layers = "[{\"type\": \"dense\", \"units\": 10, \"activation\": \"relu\"},"
                + "{\"type\": \"batchnorm\", \"epsilon\": 0.01},"
                + "{\"type\": \"dropout\", \"rate\": 0.5},"
                + "{\"type\": \"dense\", \"units\": 1, \"activation\": \"sigmoid\"}]";

        onnx.assertTableModelAgrees(layers, null, encoding, PROBABILITIES_OR_PREDICTION);
    }

    @Test
    void regressionAnswersInTheTargetsUnits() {
        TabularEncoding encoding = new TabularEncoding(
                List.of(number("rooms", 4, 1.5), number("area", 90, 25)),
                "price",
                Task.REGRESSION,
                List.of(),
                450.0,
                120.0,
                false);
        String layers = "[{\"type\": \"dense\", \"units\": 6, \"activation\": \"tanh\"},"
                + "{\"type\": \"dense\", \"units\": 1}]";

        onnx.assertTableModelAgrees(layers, "\"loss\": \"huber\"", encoding, PROBABILITIES_OR_PREDICTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"step", "sign"})
    void perceptronsExportTheirScore(String activation) {
        TabularEncoding encoding = new TabularEncoding(
                THREE_NUMBERS.features(), "y", Task.CLASSIFICATION, List.of("a", "b"), null, null, false);
        String layers = "[{\"type\": \"dense\", \"units\": 1, \"activation\": \"" + activation + "\"}]";

        onnx.assertTableModelAgrees(layers, "\"mode\": \"perceptron\"", encoding, List.of(OnnxExport.OUTPUT));
    }

    @Test
    void hingeMarginScore() {
        TabularEncoding encoding = new TabularEncoding(
                THREE_NUMBERS.features(), "y", Task.CLASSIFICATION, List.of("a", "b"), null, null, false);
        String layers =
                "[{\"type\": \"dense\", \"units\": 4, \"activation\": \"relu\"}, {\"type\": \"dense\", \"units\": 1}]";

        onnx.assertTableModelAgrees(layers, "\"loss\": \"hinge\"", encoding, List.of(OnnxExport.OUTPUT));
    }

    @Test
    void standardisedGreyImagesThroughConvolutionsPoolsWithPartialWindowsAndFlatten() {
        String layers =
                "[{\"type\": \"conv2d\", \"filters\": 4, \"kernelSize\": 3, \"padding\": \"same\", \"activation\": \"relu\"},"
                        + "{\"type\": \"batchnorm\"},"
                        + "{\"type\": \"maxpool2d\", \"poolSize\": 2, \"padding\": \"same\"},"
                        + "{\"type\": \"conv2d\", \"filters\": 6, \"kernelSize\": [3, 2], \"strides\": [1, 2], \"activation\": \"elu\"},"
                        + "{\"type\": \"avgpool2d\", \"poolSize\": 3, \"padding\": \"same\"},"
                        + "{\"type\": \"activation\", \"activation\": \"leaky_relu\", \"alpha\": 0.3},"
                        + "{\"type\": \"flatten\"},"
                        + "{\"type\": \"dense\", \"units\": 5, \"activation\": \"softmax\"}]";

        onnx.assertImageModelAgrees(
                layers, new ImageEncoding(List.of(1, 11, 11), classes(5), 0.3f, 0.2f, "mnist", null));
    }

    @Test
    void colourImagesThroughGlobalAveragePooling() {
        String layers =
                "[{\"type\": \"conv2d\", \"filters\": 5, \"kernelSize\": 3, \"strides\": 2, \"activation\": \"swish\"},"
                        + "{\"type\": \"avgpool2d\", \"poolSize\": 2, \"strides\": 1},"
                        + "{\"type\": \"globalavgpool2d\"},"
                        + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}]";

        onnx.assertImageModelAgrees(
                layers, new ImageEncoding(List.of(3, 9, 9), classes(3), null, null, "resize", null));
    }

    @Test
    void maxoutThenAReshapeForOneDimensionalConvolutionsAndPooling() {
        // 3 → maxout 6 → (2, 3) → conv1d same → (4, 3) → conv1d → (3, 2) → maxpool1d → (3, 1) → 3
        String layers = "[{\"type\": \"maxout\", \"units\": 6, \"pieces\": 3},"
                + "{\"type\": \"reshape\", \"targetShape\": [2, -1]},"
                + "{\"type\": \"conv1d\", \"filters\": 4, \"kernelSize\": 3, \"padding\": \"same\", \"activation\": \"relu\"},"
                + "{\"type\": \"conv1d\", \"filters\": 3, \"kernelSize\": 2, \"activation\": \"tanh\"},"
                + "{\"type\": \"maxpool1d\"},"
                + "{\"type\": \"flatten\"},"
                + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}]";

        onnx.assertTableModelAgrees(layers, null, THREE_NUMBERS, PROBABILITIES_OR_PREDICTION);
    }

    @Test
    void aTableReshapedToAnImageForConv2d() {
        String layers = "[{\"type\": \"dense\", \"units\": 12, \"activation\": \"relu\"},"
                + "{\"type\": \"reshape\", \"targetShape\": [1, 3, 4]},"
                + "{\"type\": \"conv2d\", \"filters\": 2, \"kernelSize\": 2, \"activation\": \"relu\"},"
                + "{\"type\": \"flatten\"},"
                + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}]";

        onnx.assertTableModelAgrees(layers, null, THREE_NUMBERS, PROBABILITIES_OR_PREDICTION);
    }

    @Test
    void aBlockWithoutOnnxTranslationIsRefusedNamingItsLayer() {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(LayerNorm.builder().build());
        Network network = new Network(
                block, OutputHead.IDENTITY, null, List.of(), List.of(0, 1), dev.neurona.spec.Graph.stack(2));
        ModelSpec spec = new ModelSpec(
                List.of(new LayerSpec.Dense(4, "linear", null, null, 0.0, 0.0), new LayerSpec.BatchNorm(0.99, 0.001)),
                "mse",
                null,
                null,
                null,
                null,
                null,
                1L);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));

            ConflictException refused = catchThrowableOfType(
                    ConflictException.class, () -> OnnxExport.export(spec, THREE_NUMBERS, network, "m"));

            assertThat(refused.getMessage())
                    .contains("spec.layers[1] (batchnorm)")
                    .contains("LayerNorm");
        }
    }
}
