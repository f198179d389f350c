package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spec.task and spec.autoencoder: what an autoencoder spec resolves to, and every refusal at its path. */
class ReconstructionValidationTest {

    private static final DataShape DIGITS = new DataShape(
            List.of(1, 28, 28), Task.CLASSIFICATION, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 1000);
    private static final DataShape TABLE = new DataShape(6, Task.REGRESSION, List.of(), 200);

    private static LayerSpec dense(int units, String activation) {
        return new LayerSpec.Dense(units, activation, null, null, null, null);
    }

    private static final List<LayerSpec> DENSE_AE = List.of(
            new LayerSpec.Flatten(),
            dense(64, "relu"),
            dense(8, "relu"),
            dense(64, "relu"),
            dense(784, "sigmoid"),
            new LayerSpec.Reshape(List.of(1, 28, 28)));

    private static final List<LayerSpec> TABLE_AE = List.of(dense(4, "tanh"), dense(2, null), dense(6, null));

    private static ModelSpec spec(List<LayerSpec> layers, String loss, String task, ModelSpec.Autoencoder autoencoder) {
        return new ModelSpec(
                layers, loss, null, null, null, null, null, 7L, null, null, null, null, null, null, task, autoencoder);
    }

    private static ModelSpec with(
            ModelSpec s,
            ModelSpec.ImageSettings images,
            ClassWeights weights,
            ModelSpec.EarlyStopping stopping,
            String mode) {
        return new ModelSpec(
                s.layers(),
                s.loss(),
                null,
                null,
                null,
                null,
                null,
                7L,
                images,
                null,
                weights,
                stopping,
                mode,
                null,
                s.task(),
                s.autoencoder());
    }

    private static List<FieldProblem> problems(ModelSpec spec, DataShape shape) {
        try {
            SpecValidator.resolve(spec, shape);
        } catch (DomainException e) {
            return e.errors();
        }
        throw new AssertionError("expected the spec to be refused");
    }

    private static List<String> fields(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::field).toList();
    }

    @Test
    void anImageAutoencoderResolvesWithMseAndTheNarrowestLayerAsItsCode() {
        ModelSpec resolved = SpecValidator.resolve(spec(DENSE_AE, null, "reconstruction", null), DIGITS);
        assertThat(resolved.task()).isEqualTo("reconstruction");
        assertThat(resolved.loss()).isEqualTo("mse");
        // layer 2 is the 8-unit dense layer: the fewest output values
        assertThat(resolved.autoencoder()).isEqualTo(new ModelSpec.Autoencoder(0.0, 0.0, 2));
        assertThat(OutputHead.of(resolved)).isEqualTo(OutputHead.IDENTITY);
    }

    @Test
    void theCodeIsALayersNameOrIndexAndBinaryCrossentropyIsForUnstandardisedPixels() {
        List<LayerSpec> named = new java.util.ArrayList<>(DENSE_AE);
        named.set(3, dense(64, "relu").withWiring("decoder", null));
        ModelSpec resolved = SpecValidator.resolve(
                spec(named, "binary_crossentropy", "reconstruction", new ModelSpec.Autoencoder(0.3, 0.2, "decoder")),
                DIGITS);
        assertThat(resolved.autoencoder()).isEqualTo(new ModelSpec.Autoencoder(0.3, 0.2, 3));
        assertThat(resolved.loss()).isEqualTo("binary_crossentropy");
        assertThat(NetworkBuilder.build(resolved).objective().loss())
                .isEqualTo(Loss.BINARY_CROSSENTROPY_OF_PROBABILITIES);
    }

    @Test
    void aSpecWithoutATaskResolvesAsBeforeWithoutTheNewFields() {
        ModelSpec resolved = SpecValidator.resolve(spec(List.of(dense(1, null)), null, null, null), TABLE);
        assertThat(resolved.task()).isNull();
        assertThat(resolved.autoencoder()).isNull();
    }

    @Test
    void anUnknownTaskAndAutoencoderSettingsWithoutTheTaskAreRefused() {
        assertThat(fields(problems(spec(List.of(dense(1, null)), null, "segmentation", null), TABLE)))
                .contains("spec.task");
        assertThat(problems(spec(List.of(dense(1, null)), null, "segmentation", null), TABLE)
                        .get(0)
                        .message())
                .contains("reconstruction");
        assertThat(fields(problems(
                        spec(List.of(dense(1, null)), null, null, new ModelSpec.Autoencoder(0.1, null, null)), TABLE)))
                .containsExactly("spec.autoencoder");
    }

    @Test
    void theLastLayerMustGiveBackTheInputsShapeAndSaysHowToReshape() {
        List<FieldProblem> p = problems(spec(DENSE_AE.subList(0, 5), null, "reconstruction", null), DIGITS);
        assertThat(fields(p)).containsExactly("spec.layers[4]");
        assertThat(p.get(0).message())
                .contains("(1, 28, 28)")
                .contains("(784)")
                .contains("{\"type\":\"reshape\",\"targetShape\":[1,28,28]}");
        List<FieldProblem> table =
                problems(spec(List.of(dense(4, "tanh"), dense(5, null)), null, "reconstruction", null), TABLE);
        assertThat(fields(table)).containsExactly("spec.layers[1]");
        assertThat(table.get(0).message()).contains("6 units");
    }

    @Test
    void everyBadAutoencoderSettingIsNamedAtOnce() {
        List<FieldProblem> p = problems(
                spec(DENSE_AE, "categorical_crossentropy", "reconstruction", new ModelSpec.Autoencoder(1.5, 0.95, 9)),
                DIGITS);
        assertThat(fields(p))
                .containsExactlyInAnyOrder(
                        "spec.loss", "spec.autoencoder.noise", "spec.autoencoder.masking", "spec.autoencoder.code");
        assertThat(fields(problems(
                        spec(DENSE_AE, null, "reconstruction", new ModelSpec.Autoencoder(-0.1, -1.0, "nowhere")),
                        DIGITS)))
                .containsExactlyInAnyOrder(
                        "spec.autoencoder.noise", "spec.autoencoder.masking", "spec.autoencoder.code");
        assertThat(fields(problems(
                        spec(DENSE_AE, null, "reconstruction", new ModelSpec.Autoencoder(null, null, List.of(1))),
                        DIGITS)))
                .containsExactly("spec.autoencoder.code");
    }

    @Test
    void binaryCrossentropyIsRefusedForTablesStandardisedPixelsAndALinearOutput() {
        assertThat(problems(spec(TABLE_AE, "binary_crossentropy", "reconstruction", null), TABLE).stream()
                        .filter(f -> f.field().equals("spec.loss"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("standardised");
        ModelSpec standardised = with(
                spec(DENSE_AE, "binary_crossentropy", "reconstruction", null),
                new ModelSpec.ImageSettings(true, null, null),
                null,
                null,
                null);
        assertThat(fields(problems(standardised, DIGITS))).containsExactly("spec.loss");
        List<LayerSpec> linear = new java.util.ArrayList<>(DENSE_AE);
        linear.set(4, dense(784, null));
        assertThat(fields(problems(spec(linear, "binary_crossentropy", "reconstruction", null), DIGITS)))
                .containsExactly("spec.layers[5]");
    }

    @Test
    void classWeightsAccuracyMonitorsAndThePerceptronAreRefusedWithReasons() {
        ModelSpec base = spec(DENSE_AE, null, "reconstruction", null);
        List<FieldProblem> p = problems(
                with(
                        base,
                        null,
                        ClassWeights.of(Map.of("0", 2.0)),
                        new ModelSpec.EarlyStopping("val_accuracy", null, null, null),
                        null),
                DIGITS);
        assertThat(fields(p)).containsExactlyInAnyOrder("spec.classWeights", "spec.earlyStopping.monitor");
        assertThat(SpecValidator.resolve(
                                with(base, null, null, new ModelSpec.EarlyStopping("val_mae", 2, null, null), null),
                                DIGITS)
                        .earlyStopping()
                        .monitor())
                .isEqualTo("val_mae");
        assertThat(fields(problems(with(base, null, null, null, "perceptron"), DIGITS)))
                .contains("spec.mode");
    }
}
