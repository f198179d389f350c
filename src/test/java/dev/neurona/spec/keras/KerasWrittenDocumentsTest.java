package dev.neurona.spec.keras;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.spec.LayerRow;
import dev.neurona.spec.SpecLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Documents Keras itself wrote (Keras 3.15.1's model.to_json(), made by make.py beside them), imported with the
 * parameter count Keras' own model.count_params() printed for each.
 */
class KerasWrittenDocumentsTest {

    @ParameterizedTest
    @CsvSource({"mnist_mlp, 669706", "mnist_cnn, 1199882", "residual_concatenate, 151"})
    void importsWhatKerasWroteWithKerasOwnParameterCount(String name, long kerasCount) throws IOException {
        KerasModel model = KerasImport.read(document(name), SpecLimits.DEFAULTS);

        assertThat(model.version()).isEqualTo(3);
        assertThat(model.parameters()).isEqualTo(kerasCount);
    }

    @ParameterizedTest
    @CsvSource({"mnist_mlp, Sequential, 784", "mnist_cnn, Sequential, 1;28;28", "residual_concatenate, Functional, 4"})
    void readsTheKindOfModelAndItsInputChannelsFirst(String name, String kind, String inputShape) throws IOException {
        KerasModel model = KerasImport.read(document(name), SpecLimits.DEFAULTS);

        assertThat(model.model()).isEqualTo(kind);
        assertThat(model.inputShape())
                .isEqualTo(java.util.Arrays.stream(inputShape.split(";"))
                        .map(Integer::valueOf)
                        .toList());
    }

    @org.junit.jupiter.api.Test
    void keepsTheFunctionalModelsWiring() throws IOException {
        KerasModel model = KerasImport.read(document("residual_concatenate"), SpecLimits.DEFAULTS);

        assertThat(model.rows())
                .extracting(LayerRow::type)
                .containsExactly("dense", "dense", "add", "concatenate", "dense");
        assertThat(model.rows())
                .extracting(LayerRow::inputs)
                .containsExactly(
                        List.of("input"), List.of("h1"), List.of("h1", "h2"), List.of("sum", "input"), List.of("wide"));
    }

    private static String document(String name) throws IOException {
        try (InputStream in = KerasWrittenDocumentsTest.class.getResourceAsStream(
                "/keras/written-by-keras-3.15.1/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
