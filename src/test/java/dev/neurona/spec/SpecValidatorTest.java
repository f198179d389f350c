package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private static final DataShape IRIS =
            new DataShape(4, Task.CLASSIFICATION, List.of("setosa", "versicolor", "virginica"), 150);
    private static final DataShape BINARY = new DataShape(8, Task.CLASSIFICATION, List.of("neg", "pos"), 768);
    private static final DataShape REGRESSION = new DataShape(10, Task.REGRESSION, List.of(), 442);

    private static LayerSpec dense(Integer units, String activation) {
        return new LayerSpec.Dense(units, activation, null, null, null, null);
    }

    private static ModelSpec spec(List<LayerSpec> layers, String loss) {
        return new ModelSpec(layers, loss, null, null, null, null, null, 7L);
    }

    private static List<FieldProblem> problems(ModelSpec spec, DataShape shape) {
        try {
            SpecValidator.resolve(spec, shape);
        } catch (DomainException e) {
            return e.errors();
        }
        throw new AssertionError("expected the spec to be refused");
    }

    @Test
    void fillsEveryDefaultAndInfersTheLoss() {
        ModelSpec resolved = SpecValidator.resolve(spec(List.of(dense(8, "relu"), dense(3, "softmax")), null), IRIS);

        assertThat(resolved.loss()).isEqualTo("categorical_crossentropy");
        assertThat(resolved.optimizer())
                .isEqualTo(new OptimizerSpec.Adam(0.001, 0.9, 0.999, 1e-7, new ScheduleSpec.Constant(0), null, null));
        assertThat(resolved.epochs()).isEqualTo(20);
        assertThat(resolved.batchSize()).isEqualTo(32);
        assertThat(resolved.validationSplit()).isEqualTo(0.1);
        assertThat(resolved.testSplit()).isEqualTo(0.2);
        assertThat(resolved.seed()).isEqualTo(7L);
        assertThat(resolved.layers().get(0))
                .isEqualTo(new LayerSpec.Dense(
                        8, "relu", InitializerSpec.named("glorot_uniform"), InitializerSpec.named("zeros"), 0.0, 0.0));
    }

    @Test
    void infersBinaryCrossentropyForOneSigmoidUnitAndMseForRegression() {
        assertThat(SpecValidator.resolve(spec(List.of(dense(1, "sigmoid")), null), BINARY)
                        .loss())
                .isEqualTo("binary_crossentropy");
        assertThat(SpecValidator.resolve(spec(List.of(dense(1, null)), null), REGRESSION)
                        .loss())
                .isEqualTo("mse");
    }

    @Test
    void drawsARandomSeedWhenNoneIsGivenAndRecordsIt() {
        ModelSpec noSeed = new ModelSpec(List.of(dense(3, "softmax")), null, null, null, null, null, null, null);
        assertThat(SpecValidator.resolve(noSeed, IRIS).seed()).isPositive();
    }

    @Test
    void namesEveryProblemByItsJsonPath() {
        ModelSpec bad = new ModelSpec(
                List.of(
                        dense(0, "rellu"),
                        new LayerSpec.Dropout(1.5),
                        new LayerSpec.Activation(null),
                        dense(3, "softmax")),
                null,
                new OptimizerSpec.Sgd(-1.0, 1.2),
                0,
                0,
                0.95,
                -0.1,
                1L);

        assertThat(problems(bad, IRIS))
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder(
                        "spec.layers[0].units",
                        "spec.layers[0].activation",
                        "spec.layers[1].rate",
                        "spec.layers[2].activation",
                        "spec.optimizer.learningRate",
                        "spec.optimizer.momentum",
                        "spec.epochs",
                        "spec.batchSize",
                        "spec.validationSplit",
                        "spec.testSplit");
    }

    @Test
    void refusesAnOutputWidthThatDoesNotMatchTheClasses() {
        List<FieldProblem> problems = problems(spec(List.of(dense(8, "relu"), dense(2, "softmax")), null), IRIS);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("spec.layers[1].units");
            assertThat(p.message()).contains("3 classes").contains("setosa, versicolor, virginica");
        });
    }

    @Test
    void refusesLossesThatDoNotFitTheTask() {
        assertThat(problems(spec(List.of(dense(3, "softmax")), "mse"), IRIS))
                .extracting(FieldProblem::field)
                .contains("spec.loss");
        assertThat(problems(spec(List.of(dense(1, null)), "categorical_crossentropy"), REGRESSION))
                .extracting(FieldProblem::field)
                .contains("spec.loss");
        assertThat(problems(spec(List.of(dense(3, "softmax")), "binary_crossentropy"), IRIS))
                .extracting(FieldProblem::field)
                .contains("spec.loss");
        assertThat(problems(spec(List.of(dense(3, "softmax")), "hinge"), IRIS))
                .extracting(FieldProblem::message)
                .anyMatch(m -> m.startsWith("hinge separates exactly 2 classes"));
        assertThat(problems(spec(List.of(dense(3, "softmax")), "kullback_leibler"), IRIS))
                .extracting(FieldProblem::message)
                .anyMatch(m -> m.startsWith("unknown loss 'kullback_leibler'"));
    }

    @Test
    void crossEntropyNeedsTheMatchingOutputActivationWhereverItIsDeclared() {
        List<FieldProblem> relu = problems(
                spec(List.of(dense(3, null), new LayerSpec.Activation("relu")), "categorical_crossentropy"), IRIS);
        assertThat(relu).extracting(FieldProblem::field).containsExactly("spec.layers[1].activation");

        ModelSpec separateSoftmax =
                spec(List.of(dense(3, null), new LayerSpec.Dropout(0.1), new LayerSpec.Activation("softmax")), null);
        assertThat(SpecValidator.resolve(separateSoftmax, IRIS).loss()).isEqualTo("categorical_crossentropy");

        assertThat(problems(spec(List.of(dense(1, "relu")), "binary_crossentropy"), BINARY))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[0].activation");
    }

    @Test
    void regressionNeedsOneLinearishOutput() {
        assertThat(problems(spec(List.of(dense(2, null)), "mse"), REGRESSION))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[0].units");
        assertThat(problems(spec(List.of(dense(1, "softmax")), "mae"), REGRESSION))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers[0].activation");
        assertThat(problems(spec(List.of(dense(1, "relu")), "mse"), REGRESSION))
                .extracting(FieldProblem::message)
                .singleElement()
                .asString()
                .contains("use linear, not relu");
    }

    @Test
    void needsLayersAndAtLeastOneDenseLayer() {
        assertThat(problems(spec(List.of(), null), IRIS))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers");
        assertThat(problems(spec(null, null), IRIS))
                .extracting(FieldProblem::field)
                .containsExactly("spec.layers");
        assertThat(problems(spec(List.of(new LayerSpec.Dropout(0.5)), null), IRIS))
                .extracting(FieldProblem::message)
                .containsExactly("the network needs at least one dense layer");
    }

    @Test
    void refusesATestSplitThatHoldsNoRow() {
        DataShape tiny = new DataShape(4, Task.CLASSIFICATION, List.of("a", "b"), 3);
        ModelSpec spec = new ModelSpec(List.of(dense(2, "softmax")), null, null, null, null, 0.0, 0.1, 1L);
        assertThat(problems(spec, tiny)).extracting(FieldProblem::field).containsExactly("spec.testSplit");
    }

    @Test
    void theDetailSumsUpTheProblems() {
        assertThatThrownBy(() -> SpecValidator.resolve(spec(List.of(dense(null, null)), null), IRIS))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("spec.layers[0].units: required");
    }

    @Test
    void refusesNetworksBeyondTheConfiguredLimitsNamingTheField() {
        DataShape images = new DataShape(List.of(3, 64, 64), Task.CLASSIFICATION, List.of("a", "b"), 1000);
        ModelSpec huge = new ModelSpec(
                List.of(new LayerSpec.Flatten(), dense(8192, "relu"), dense(4096, "relu"), dense(2, "softmax")),
                null,
                null,
                null,
                null,
                null,
                null,
                1L);
        // 12,288·8,192 + 8,192·4,096 + … ≈ 134 million parameters
        assertThat(problems(huge, images)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("spec.layers");
            assertThat(p.message()).contains("parameters").contains("at most 50,000,000");
        });

        SpecLimits tight = new SpecLimits(2, 8, 1_000, 5, 16);
        ModelSpec spec = new ModelSpec(
                List.of(dense(16, "relu"), dense(8, "relu"), dense(3, "softmax")), null, null, 6, 32, null, null, 1L);
        DomainException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                DomainException.class, () -> SpecValidator.resolve(spec, IRIS, tight));
        assertThat(e.errors())
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("spec.layers", "spec.epochs", "spec.batchSize");
        ModelSpec wide =
                new ModelSpec(List.of(dense(16, "relu"), dense(3, "softmax")), null, null, null, null, null, null, 1L);
        DomainException units = org.assertj.core.api.Assertions.catchThrowableOfType(
                DomainException.class, () -> SpecValidator.resolve(wide, IRIS, tight));
        assertThat(units.errors()).extracting(FieldProblem::field).containsExactly("spec.layers[0].units");
    }

    @Test
    void tableSettingsAreCheckedNormalisedAndLeftOutWhenNotGiven() {
        List<LayerSpec> layers = List.of(dense(3, "softmax"));
        ModelSpec plain = spec(layers, null);
        assertThat(SpecValidator.resolve(plain, IRIS).tables()).isNull();

        ModelSpec strict = new ModelSpec(
                layers,
                null,
                null,
                null,
                null,
                null,
                null,
                7L,
                null,
                null,
                null,
                null,
                null,
                new ModelSpec.TableSettings(" ERROR "));
        assertThat(SpecValidator.resolve(strict, IRIS).tables().unknownCategories())
                .isEqualTo("error");

        ModelSpec bogus = new ModelSpec(
                layers,
                null,
                null,
                null,
                null,
                null,
                null,
                7L,
                null,
                null,
                null,
                null,
                null,
                new ModelSpec.TableSettings("bogus"));
        assertThat(problems(bogus, IRIS))
                .extracting(FieldProblem::field)
                .containsExactly("spec.tables.unknownCategories");
        DataShape images = new DataShape(List.of(1, 28, 28), Task.CLASSIFICATION, List.of("a", "b", "c"), 100);
        List<LayerSpec> imageLayers = List.of(new LayerSpec.Flatten(), dense(3, "softmax"));
        ModelSpec onImages = new ModelSpec(
                imageLayers,
                null,
                null,
                null,
                null,
                null,
                null,
                7L,
                null,
                null,
                null,
                null,
                null,
                new ModelSpec.TableSettings("error"));
        assertThat(problems(onImages, images)).extracting(FieldProblem::field).containsExactly("spec.tables");
    }
}
