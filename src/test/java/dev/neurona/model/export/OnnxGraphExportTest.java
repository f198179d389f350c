package dev.neurona.model.export;

import static dev.neurona.model.export.OnnxAgreement.PROBABILITIES_OR_PREDICTION;
import static dev.neurona.model.export.OnnxAgreement.category;
import static dev.neurona.model.export.OnnxAgreement.classes;
import static dev.neurona.model.export.OnnxAgreement.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.spec.Graph;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Graph specs (layers taking others than the one before, merges) exported and run in ONNX Runtime: the ONNX outputs
 * equal Neurona's forward pass, so the values are wired as the GraphBlock wires them and every merge computes the same.
 */
class OnnxGraphExportTest {

    private static final TabularEncoding MIXED = new TabularEncoding(
            List.of(
                    number("age", 40, 12),
                    category("colour", List.of("blue", "green", "red"), "red"),
                    number("income", 3000, 900)),
            "y",
            Task.CLASSIFICATION,
            List.of("a", "b", "c"),
            null,
            null,
            true);

    private final OnnxAgreement onnx = new OnnxAgreement(11);

    @Test
    void aResidualMlpAddsASkipConnection() {
        String layers = "[{\"type\": \"dense\", \"units\": 8, \"activation\": \"relu\", \"name\": \"h1\"},"
                + "{\"type\": \"dense\", \"units\": 8, \"activation\": \"tanh\", \"name\": \"h2\"},"
                + "{\"type\": \"dense\", \"units\": 8, \"name\": \"h3\"},"
                + "{\"type\": \"add\", \"inputs\": [\"h1\", \"h3\"], \"name\": \"residual\"},"
                + "{\"type\": \"activation\", \"activation\": \"relu\"},"
                + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}]";

        assertGraphAgrees(layers, MIXED);
    }

    @Test
    void threeBranchesAddedBecomeOneSum() {
        String layers = "[{\"type\": \"dense\", \"units\": 6, \"activation\": \"relu\", \"name\": \"a\"},"
                + "{\"type\": \"dense\", \"units\": 6, \"activation\": \"elu\", \"inputs\": [\"input\"], \"name\": \"b\"},"
                + "{\"type\": \"dense\", \"units\": 6, \"inputs\": [\"input\"], \"name\": \"c\"},"
                + "{\"type\": \"add\", \"inputs\": [\"a\", \"b\", \"c\"]},"
                + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}]";

        assertGraphAgrees(layers, MIXED);
    }

    @Test
    void theInputConcatenatedWithAHiddenLayerAfterBatchnorm() {
        // the encoded input is 5 wide (2 numbers, 3 one-hot columns): 5 + 7 features reach the output
        String layers = "[{\"type\": \"dense\", \"units\": 7, \"activation\": \"gelu\", \"name\": \"deep\"},"
                + "{\"type\": \"batchnorm\", \"name\": \"norm\"},"
                + "{\"type\": \"concatenate\", \"inputs\": [\"input\", \"norm\"], \"name\": \"wide\"},"
                + "{\"type\": \"dropout\", \"rate\": 0.3},"
                + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}]";

        assertGraphAgrees(layers, MIXED);
    }

    @Test
    void multiplyThenAverageWithABranch() {
        String layers = "[{\"type\": \"dense\", \"units\": 5, \"activation\": \"sigmoid\", \"name\": \"gate\"},"
                + "{\"type\": \"dense\", \"units\": 5, \"activation\": \"tanh\", \"inputs\": [\"input\"], \"name\": \"v\"},"
                + "{\"type\": \"dense\", \"units\": 5, \"activation\": \"swish\", \"inputs\": [\"input\"], \"name\": \"w\"},"
                + "{\"type\": \"multiply\", \"inputs\": [\"gate\", \"v\", \"w\"], \"name\": \"gated\"},"
                + "{\"type\": \"average\", \"inputs\": [\"gated\", \"gate\"], \"name\": \"mean\"},"
                + "{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\", \"inputs\": [\"mean\"]}]";

        assertGraphAgrees(layers, MIXED);
    }

    @Test
    void regressionThroughAWideAndDeepSum() {
        TabularEncoding encoding = new TabularEncoding(
                List.of(number("rooms", 4, 1.5), number("area", 90, 25)),
                "price",
                Task.REGRESSION,
                List.of(),
                450.0,
                120.0,
                false);
        String layers = "[{\"type\": \"dense\", \"units\": 6, \"activation\": \"relu\", \"name\": \"deep\"},"
                + "{\"type\": \"concatenate\", \"inputs\": [\"deep\", \"input\"]},"
                + "{\"type\": \"dense\", \"units\": 1}]";

        assertThat(Graph.of(resolve(layers, encoding).layers()).chain()).isFalse();
        onnx.assertTableModelAgrees(layers, null, encoding, PROBABILITIES_OR_PREDICTION);
    }

    @Test
    void anInceptionLikeBlockConcatenatesTwoConvolutionsOfTheImageOnTheirChannels() {
        String layers =
                "[{\"type\": \"conv2d\", \"filters\": 3, \"kernelSize\": 1, \"activation\": \"relu\", \"name\": \"one\"},"
                        + "{\"type\": \"conv2d\", \"filters\": 4, \"kernelSize\": 3, \"padding\": \"same\","
                        + " \"activation\": \"elu\", \"inputs\": [\"input\"], \"name\": \"three\"},"
                        + "{\"type\": \"batchnorm\", \"name\": \"three_norm\"},"
                        + "{\"type\": \"concatenate\", \"inputs\": [\"one\", \"three_norm\"], \"name\": \"joined\"},"
                        + "{\"type\": \"maxpool2d\", \"poolSize\": 2, \"padding\": \"same\"},"
                        + "{\"type\": \"flatten\"},"
                        + "{\"type\": \"dense\", \"units\": 4, \"activation\": \"softmax\"}]";
        ImageEncoding encoding = new ImageEncoding(List.of(2, 9, 9), classes(4), 0.4f, 0.25f, "resize", null);

        assertThat(Graph.of(resolve(layers, encoding.inputShape(), encoding.classes())
                                .layers())
                        .chain())
                .isFalse();
        onnx.assertImageModelAgrees(layers, encoding);
    }

    private void assertGraphAgrees(String layers, TabularEncoding encoding) {
        assertThat(Graph.of(resolve(layers, encoding).layers()).chain()).isFalse();
        onnx.assertTableModelAgrees(layers, null, encoding, PROBABILITIES_OR_PREDICTION);
    }

    private static dev.neurona.spec.ModelSpec resolve(String layers, TabularEncoding encoding) {
        return OnnxAgreement.resolve(layers, null, encoding.inputShape(), encoding.task(), encoding.classes());
    }

    private static dev.neurona.spec.ModelSpec resolve(String layers, List<Integer> shape, List<String> classes) {
        return OnnxAgreement.resolve(layers, null, shape, Task.CLASSIFICATION, classes);
    }
}
