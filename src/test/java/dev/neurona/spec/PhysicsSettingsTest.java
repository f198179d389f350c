package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** spec.physics: its defaults, and every setting that has no meaning for a PINN refused at its path. */
class PhysicsSettingsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DataShape GRID =
            new DataShape(List.of(2), Task.REGRESSION, List.of(), 10_000, List.of("x", "t"));
    private static final String LAYERS =
            """
            "layers": [{"type": "dense", "units": 8, "activation": "tanh"}, {"type": "dense", "units": 1}]""";

    private static ModelSpec spec(String rest) {
        return JSON.readValue("{" + LAYERS + (rest.isEmpty() ? "" : ", " + rest) + "}", ModelSpec.class);
    }

    private static List<String> fields(ModelSpec spec, DataShape data) {
        try {
            SpecValidator.resolve(spec, data);
        } catch (DomainException e) {
            return e.errors().stream().map(FieldProblem::field).toList();
        }
        throw new AssertionError("expected the spec to be refused");
    }

    @Test
    void theDefaultsAreFilledInAndTheSplitsAreNone() {
        ModelSpec resolved = SpecValidator.resolve(spec("\"seed\": 1, \"physics\": {}"), GRID);

        assertThat(resolved.physics())
                .isEqualTo(new Physics("advection", 1.0, 2000, 200, 200, 100, new Physics.Weights(1.0, 1.0, 1.0)));
        assertThat(resolved.validationSplit()).isZero();
        assertThat(resolved.testSplit()).isZero();
        assertThat(resolved.batchSize()).isEqualTo(ModelSpec.ALL_ROWS);
        assertThat(resolved.loss()).isEqualTo("mse");
    }

    @Test
    void withoutPhysicsTheResolvedSpecIsAsBeforeAndItsJsonHasNoPhysics() {
        ModelSpec resolved = SpecValidator.resolve(spec("\"seed\": 1"), GRID);

        assertThat(resolved.physics()).isNull();
        assertThat(resolved.testSplit()).isEqualTo(0.2);
        assertThat(JSON.writeValueAsString(resolved)).doesNotContain("physics");
    }

    @Test
    void everyBadValueIsAProblemAtItsPath() {
        List<String> fields = fields(
                spec(
                        """
                        "physics": {"equation": "heat", "velocity": 11, "collocation": 0, "initial": 5001,
                                    "boundary": -1, "stepsPerEpoch": 1001,
                                    "weights": {"residual": -1, "initial": 10001, "boundary": 0}}"""),
                GRID);

        assertThat(fields)
                .contains(
                        "spec.physics.equation",
                        "spec.physics.velocity",
                        "spec.physics.collocation",
                        "spec.physics.initial",
                        "spec.physics.boundary",
                        "spec.physics.stepsPerEpoch",
                        "spec.physics.weights.residual",
                        "spec.physics.weights.initial");
        assertThat(fields(spec("\"physics\": {\"weights\": {\"residual\": 0, \"initial\": 0, \"boundary\": 0}}"), GRID))
                .containsExactly("spec.physics.weights");
    }

    @Test
    void settingsForFittingRowsAreRefused() {
        List<String> fields = fields(
                spec(
                        """
                        "loss": "mae", "validationSplit": 0.1, "testSplit": 0.2, "batchSize": 16,
                        "earlyStopping": {"monitor": "loss"}, "physics": {}"""),
                GRID);

        assertThat(fields)
                .contains(
                        "spec.loss", "spec.validationSplit", "spec.testSplit", "spec.batchSize", "spec.earlyStopping");
    }

    @Test
    void theNetworkMustBeSmoothDenseLayersEndingInOneLinearUnit() {
        ModelSpec relu = JSON.readValue(
                """
                {"layers": [{"type": "dense", "units": 8, "activation": "relu"},
                            {"type": "dropout", "rate": 0.1},
                            {"type": "dense", "units": 2}],
                 "physics": {}}""",
                ModelSpec.class);

        assertThat(fields(relu, GRID)).contains("spec.layers[0].activation", "spec.layers[1].type", "spec.layers[2]");
    }

    @Test
    void theDatasetMustHaveNumericXAndTAndANumericTarget() {
        DataShape other = new DataShape(List.of(2), Task.REGRESSION, List.of(), 100, List.of("x", "time"));
        DataShape classes = new DataShape(List.of(2), Task.CLASSIFICATION, List.of("a", "b"), 100, List.of("x", "t"));
        DataShape wide = new DataShape(List.of(3), Task.REGRESSION, List.of(), 100, List.of("x", "t", "z"));

        assertThat(fields(spec("\"physics\": {}"), other)).contains("spec.physics");
        assertThat(problem(spec("\"physics\": {}"), other)).contains("no numeric feature column t");
        assertThat(problem(spec("\"physics\": {}"), classes)).contains("numeric target");
        assertThat(problem(spec("\"physics\": {}"), wide)).contains("x and t only");
    }

    private static String problem(ModelSpec spec, DataShape data) {
        try {
            SpecValidator.resolve(spec, data);
        } catch (DomainException e) {
            return e.errors().stream()
                    .filter(p -> p.field().equals("spec.physics"))
                    .map(FieldProblem::message)
                    .findFirst()
                    .orElseThrow();
        }
        throw new AssertionError("expected the spec to be refused");
    }
}
