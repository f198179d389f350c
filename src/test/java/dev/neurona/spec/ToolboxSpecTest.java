package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The course's knobs beyond layers: loss options, activations with arguments, initialisers, class weights,
 *  early stopping and perceptron mode — resolved with defaults, or refused naming the field. */
class ToolboxSpecTest {

    private static final DataShape IRIS =
            new DataShape(4, Task.CLASSIFICATION, List.of("setosa", "versicolor", "virginica"), 150);
    private static final DataShape BINARY = new DataShape(2, Task.CLASSIFICATION, List.of("0", "1"), 100);
    private static final DataShape REGRESSION = new DataShape(10, Task.REGRESSION, List.of(), 442);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LayerSpec dense(Integer units, String activation) {
        return new LayerSpec.Dense(units, activation, null, null, null, null);
    }

    private static ModelSpec spec(
            List<LayerSpec> layers,
            String loss,
            ModelSpec.LossOptions options,
            ClassWeights weights,
            ModelSpec.EarlyStopping stopping,
            String mode) {
        return new ModelSpec(layers, loss, null, null, null, null, null, 7L, null, options, weights, stopping, mode);
    }

    private static List<String> fields(ModelSpec spec, DataShape shape) {
        try {
            SpecValidator.resolve(spec, shape);
        } catch (DomainException e) {
            return e.errors().stream().map(FieldProblem::field).toList();
        }
        throw new AssertionError("expected the spec to be refused");
    }

    private static String message(ModelSpec spec, DataShape shape) {
        try {
            SpecValidator.resolve(spec, shape);
        } catch (DomainException e) {
            return e.errors().get(0).message();
        }
        throw new AssertionError("expected the spec to be refused");
    }

    @Test
    void lossOptionsAreResolvedForTheLossesThatTakeThem() {
        ModelSpec huber =
                SpecValidator.resolve(spec(List.of(dense(1, null)), "huber", null, null, null, null), REGRESSION);
        assertThat(huber.lossOptions()).isEqualTo(new ModelSpec.LossOptions(1.0, null));
        ModelSpec logits = SpecValidator.resolve(
                spec(
                        List.of(dense(1, "linear")),
                        "binary_crossentropy",
                        new ModelSpec.LossOptions(null, true),
                        null,
                        null,
                        null),
                BINARY);
        assertThat(logits.lossOptions().fromLogits()).isTrue();
        assertThat(OutputHead.of(logits)).isEqualTo(OutputHead.SIGMOID);

        assertThat(fields(
                        spec(List.of(dense(1, null)), "mse", new ModelSpec.LossOptions(2.0, null), null, null, null),
                        REGRESSION))
                .containsExactly("spec.lossOptions.delta");
        assertThat(fields(
                        spec(List.of(dense(1, null)), "huber", new ModelSpec.LossOptions(-1.0, null), null, null, null),
                        REGRESSION))
                .containsExactly("spec.lossOptions.delta");
        assertThat(fields(
                        spec(
                                List.of(dense(1, "sigmoid")),
                                "binary_crossentropy",
                                new ModelSpec.LossOptions(null, true),
                                null,
                                null,
                                null),
                        BINARY))
                .containsExactly("spec.layers[0].activation");
        assertThat(fields(
                        spec(
                                List.of(dense(1, "linear")),
                                "hinge",
                                new ModelSpec.LossOptions(null, true),
                                null,
                                null,
                                null),
                        BINARY))
                .containsExactly("spec.lossOptions.fromLogits");
    }

    @Test
    void hingeAndSparseCrossEntropyFitTheirTasks() {
        ModelSpec hinge =
                SpecValidator.resolve(spec(List.of(dense(1, "tanh")), "hinge", null, null, null, null), BINARY);
        assertThat(OutputHead.of(hinge)).isEqualTo(OutputHead.MARGIN);
        assertThat(fields(spec(List.of(dense(1, "sigmoid")), "hinge", null, null, null, null), BINARY))
                .containsExactly("spec.layers[0].activation");
        ModelSpec sparse = SpecValidator.resolve(
                spec(List.of(dense(3, "softmax")), "sparse_categorical_crossentropy", null, null, null, null), IRIS);
        assertThat(OutputHead.of(sparse)).isEqualTo(OutputHead.SOFTMAX);
        assertThat(fields(
                        spec(List.of(dense(1, null)), "sparse_categorical_crossentropy", null, null, null, null),
                        REGRESSION))
                .contains("spec.loss");
    }

    @Test
    void stepAndSignAreOnlyForThePerceptronAndSayWhy() {
        String why = message(spec(List.of(dense(8, "step"), dense(3, "softmax")), null, null, null, null, null), IRIS);
        assertThat(why).contains("no gradient").contains("perceptron");
        ModelSpec perceptron =
                SpecValidator.resolve(spec(List.of(dense(1, "step")), null, null, null, null, "perceptron"), BINARY);
        assertThat(perceptron.perceptron()).isTrue();
        assertThat(perceptron.optimizer().typeName()).isEqualTo("sgd");
        assertThat(OutputHead.of(perceptron)).isEqualTo(OutputHead.MARGIN);

        assertThat(fields(spec(List.of(dense(1, "step")), null, null, null, null, "perceptron"), IRIS))
                .containsExactly("spec.mode");
        assertThat(fields(
                        spec(List.of(dense(4, "relu"), dense(1, "sign")), null, null, null, null, "perceptron"),
                        BINARY))
                .containsExactly("spec.layers");
        assertThat(fields(spec(List.of(dense(1, "sigmoid")), "hinge", null, null, null, "perceptron"), BINARY))
                .containsExactlyInAnyOrder("spec.layers[0].activation", "spec.loss");
        assertThat(fields(spec(List.of(dense(1, "sigmoid")), null, null, null, null, "hebbian"), BINARY))
                .containsExactly("spec.mode");
    }

    @Test
    void activationAlphaHasKerasDefaultsAndOnlyWhereItMeansSomething() {
        ModelSpec resolved = SpecValidator.resolve(
                spec(
                        List.of(
                                dense(8, null),
                                new LayerSpec.Activation("leaky_relu"),
                                new LayerSpec.Activation("elu", 0.5),
                                dense(3, "softmax")),
                        null,
                        null,
                        null,
                        null,
                        null),
                IRIS);
        assertThat(resolved.layers().get(1)).isEqualTo(new LayerSpec.Activation("leaky_relu", 0.2));
        assertThat(resolved.layers().get(2)).isEqualTo(new LayerSpec.Activation("elu", 0.5));
        assertThat(fields(
                        spec(
                                List.of(dense(8, null), new LayerSpec.Activation("relu", 0.1), dense(3, "softmax")),
                                null,
                                null,
                                null,
                                null,
                                null),
                        IRIS))
                .containsExactly("spec.layers[1].alpha");
    }

    @Test
    void initializersTakeTheirOwnArgumentsWithDefaultsFilledIn() {
        LayerSpec.Dense layer = new LayerSpec.Dense(
                3,
                "softmax",
                new InitializerSpec("random_normal", null, null, 0.01, null, null),
                new InitializerSpec("constant", 0.1, null, null, null, null),
                null,
                null);
        LayerSpec.Dense resolved =
                (LayerSpec.Dense) SpecValidator.resolve(spec(List.of(layer), null, null, null, null, null), IRIS)
                        .layers()
                        .get(0);
        assertThat(resolved.kernelInitializer())
                .isEqualTo(new InitializerSpec("random_normal", null, 0.0, 0.01, null, null));
        LayerSpec.Dense bad = new LayerSpec.Dense(
                3,
                "softmax",
                new InitializerSpec("he_normal", null, null, 0.01, null, null),
                new InitializerSpec("constant", null, null, null, null, null),
                null,
                null);
        assertThat(fields(spec(List.of(bad), null, null, null, null, null), IRIS))
                .containsExactlyInAnyOrder(
                        "spec.layers[0].kernelInitializer.stddev", "spec.layers[0].biasInitializer.value");
        LayerSpec.Dense unknown = new LayerSpec.Dense(3, "softmax", InitializerSpec.named("xavier"), null, null, null);
        assertThat(message(spec(List.of(unknown), null, null, null, null, null), IRIS))
                .contains("unknown initializer 'xavier'")
                .contains("glorot_uniform");
    }

    @Test
    void initializersAndClassWeightsReadAsNamesOrObjects() {
        LayerSpec.Dense dense = (LayerSpec.Dense) JSON.readValue(
                """
                {"type": "dense", "units": 3, "kernelInitializer": "he_normal",
                 "biasInitializer": {"type": "constant", "value": 0.5}}""",
                LayerSpec.class);
        assertThat(dense.kernelInitializer()).isEqualTo(InitializerSpec.named("he_normal"));
        assertThat(dense.biasInitializer().value()).isEqualTo(0.5);
        assertThat(JSON.writeValueAsString(dense))
                .contains("\"kernelInitializer\":\"he_normal\"")
                .contains("\"biasInitializer\":{\"type\":\"constant\",\"value\":0.5}");
        assertThat(JSON.readValue("\"balanced\"", ClassWeights.class).balanced())
                .isTrue();
        assertThat(JSON.readValue("{\"setosa\": 2}", ClassWeights.class).weights())
                .containsEntry("setosa", 2.0);
    }

    @Test
    void classWeightsNameClassesOfTheDataset() {
        ModelSpec resolved = SpecValidator.resolve(
                spec(List.of(dense(3, "softmax")), null, null, ClassWeights.of(Map.of("versicolor", 2.0)), null, null),
                IRIS);
        assertThat(resolved.classWeights().weights())
                .containsExactly(Map.entry("setosa", 1.0), Map.entry("versicolor", 2.0), Map.entry("virginica", 1.0));
        assertThat(resolved.classWeights().perClass(IRIS.classes(), new int[] {40, 40, 40}))
                .containsExactly(1f, 2f, 1f);
        // balanced: n / (classes · count) = 120 / (3 · 20) for the rare class
        assertThat(ClassWeights.of("balanced").perClass(IRIS.classes(), new int[] {20, 50, 50}))
                .containsExactly(2f, 0.8f, 0.8f);
        assertThat(fields(
                        spec(
                                List.of(dense(3, "softmax")),
                                null,
                                null,
                                ClassWeights.of(Map.of("rose", 2.0)),
                                null,
                                null),
                        IRIS))
                .containsExactly("spec.classWeights.rose");
        assertThat(fields(spec(List.of(dense(3, "softmax")), null, null, ClassWeights.of("even"), null, null), IRIS))
                .containsExactly("spec.classWeights");
        assertThat(fields(
                        spec(List.of(dense(1, null)), null, null, ClassWeights.of("balanced"), null, null), REGRESSION))
                .containsExactly("spec.classWeights");
    }

    @Test
    void earlyStoppingHasKerasDefaultsAndNeedsWhatItMonitors() {
        ModelSpec resolved = SpecValidator.resolve(
                spec(
                        List.of(dense(3, "softmax")),
                        null,
                        null,
                        null,
                        new ModelSpec.EarlyStopping(null, null, null, null),
                        null),
                IRIS);
        assertThat(resolved.earlyStopping()).isEqualTo(new ModelSpec.EarlyStopping("val_loss", 5, 0.0, true));
        ModelSpec noValidation = new ModelSpec(
                List.of(dense(3, "softmax")),
                null,
                null,
                null,
                null,
                0.0,
                null,
                7L,
                null,
                null,
                null,
                new ModelSpec.EarlyStopping("val_accuracy", 3, null, null),
                null);
        assertThat(fields(noValidation, IRIS)).containsExactly("spec.earlyStopping.monitor");
        assertThat(fields(
                        spec(
                                List.of(dense(1, null)),
                                null,
                                null,
                                null,
                                new ModelSpec.EarlyStopping("val_accuracy", -1, -0.5, null),
                                null),
                        REGRESSION))
                .containsExactlyInAnyOrder(
                        "spec.earlyStopping.monitor", "spec.earlyStopping.patience", "spec.earlyStopping.minDelta");
    }
}
