package dev.neurona.spec.keras;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.LayerRow;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.ShapeInference;
import dev.neurona.spec.SpecLimits;
import dev.neurona.spec.SpecValidator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Neurona writes for Keras, Neurona reads back as the same network: each layer's kind, output shape (channels
 * first again), parameters, name and inputs, and the input shape.
 */
class KerasRoundTripTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Case(String title, String layers, List<Integer> inputShape) {
        @Override
        public String toString() {
            return title;
        }
    }

    static List<Case> networks() {
        return List.of(
                new Case(
                        "an MLP",
                        """
                        [{"type": "dense", "units": 16, "activation": "relu", "name": "h1", "l2": 0.001},
                         {"type": "dropout", "rate": 0.2},
                         {"type": "dense", "units": 3, "activation": "softmax"}]""",
                        List.of(4)),
                new Case(
                        "a CNN",
                        """
                        [{"type": "conv2d", "filters": 8, "kernelSize": 3, "activation": "relu"},
                         {"type": "maxpool2d"},
                         {"type": "batchnorm"},
                         {"type": "flatten"},
                         {"type": "dense", "units": 3, "activation": "softmax"}]""",
                        List.of(1, 12, 12)),
                new Case(
                        "a residual graph with a branch from the input",
                        """
                        [{"type": "dense", "units": 8, "activation": "relu", "name": "h1"},
                         {"type": "dense", "units": 8, "activation": "relu", "name": "h2"},
                         {"type": "add", "inputs": ["h1", "h2"], "name": "sum"},
                         {"type": "concatenate", "inputs": ["sum", "input"], "name": "wide"},
                         {"type": "dense", "units": 3, "activation": "softmax", "name": "out"}]""",
                        List.of(4)),
                new Case(
                        "an inception-like block on images",
                        """
                        [{"type": "conv2d", "filters": 2, "kernelSize": 1, "activation": "relu", "name": "a"},
                         {"type": "conv2d", "filters": 3, "kernelSize": 3, "padding": "same", "inputs": ["input"],
                          "name": "b"},
                         {"type": "concatenate", "inputs": ["a", "b"], "name": "joined"},
                         {"type": "globalavgpool2d", "name": "pooled"},
                         {"type": "dense", "units": 3, "activation": "softmax", "name": "out"}]""",
                        List.of(1, 8, 8)));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void aNetworkExportedToKerasIsImportedAsTheSameNetwork(Case network) {
        ModelSpec resolved = SpecValidator.resolve(
                JSON.readValue("{\"layers\": " + network.layers() + ", \"seed\": 1}", ModelSpec.class),
                new DataShape(network.inputShape(), Task.CLASSIFICATION, List.of("a", "b", "c"), 1_000));
        List<LayerRow> original = ShapeInference.table(resolved, network.inputShape());

        byte[] keras = KerasExport.json(resolved, network.inputShape(), Task.CLASSIFICATION, "round-trip");
        KerasModel imported = KerasImport.read(new String(keras, StandardCharsets.UTF_8), SpecLimits.DEFAULTS);

        assertThat(imported.version()).isEqualTo(3);
        assertThat(imported.inputShape()).isEqualTo(network.inputShape());
        assertThat(imported.rows())
                .extracting(LayerRow::type, LayerRow::outputShape, LayerRow::parameters)
                .containsExactlyElementsOf(original.stream()
                        .map(r -> org.assertj.core.groups.Tuple.tuple(r.type(), r.outputShape(), r.parameters()))
                        .toList());
        if (original.stream().allMatch(r -> r.name() != null)) {
            assertThat(imported.rows())
                    .extracting(LayerRow::name)
                    .containsExactlyElementsOf(
                            original.stream().map(LayerRow::name).toList());
            assertThat(imported.rows())
                    .extracting(LayerRow::inputs)
                    .containsExactlyElementsOf(
                            original.stream().map(LayerRow::inputs).toList());
        }
    }

    @Test
    void theImportNotesWhatKerasDoesNotCarry() {
        // Neurona's own file carries compile settings, which the import does not take over: it says so where they are
        ModelSpec resolved = SpecValidator.resolve(
                JSON.readValue(
                        "{\"layers\": [{\"type\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}], \"seed\": 1}",
                        ModelSpec.class),
                new DataShape(List.of(4), Task.CLASSIFICATION, List.of("a", "b", "c"), 1_000));
        KerasModel imported = KerasImport.read(
                new String(KerasExport.json(resolved, List.of(4), Task.CLASSIFICATION, "m"), StandardCharsets.UTF_8),
                SpecLimits.DEFAULTS);
        assertThat(imported.notes())
                .filteredOn(n -> n.toString().contains("$.compile_config"))
                .singleElement()
                .asString()
                .contains("not read", "defaults apply");
    }
}
