package dev.neurona.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/** Optimizer, schedule, clipping and batch-size fields: defaults filled in, each problem named by its path. */
class OptimizerValidationTest {

    private static final DataShape IRIS = new DataShape(4, Task.CLASSIFICATION, List.of("a", "b", "c"), 150);
    private static final ScheduleSpec CONSTANT = new ScheduleSpec.Constant(0);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ModelSpec spec(OptimizerSpec optimizer, Integer batchSize) {
        return new ModelSpec(
                List.of(new LayerSpec.Dense(3, "softmax", null, null, null, null)),
                null,
                optimizer,
                null,
                batchSize,
                null,
                null,
                1L);
    }

    private static OptimizerSpec resolved(OptimizerSpec optimizer) {
        return SpecValidator.resolve(spec(optimizer, null), IRIS).optimizer();
    }

    private static List<String> fields(OptimizerSpec optimizer) {
        return fields(spec(optimizer, null));
    }

    private static List<String> fields(ModelSpec spec) {
        DomainException e = catchThrowableOfType(DomainException.class, () -> SpecValidator.resolve(spec, IRIS));
        assertThat(e).as("expected the spec to be refused").isNotNull();
        return e.errors().stream().map(FieldProblem::field).toList();
    }

    @Test
    void everyOptimizerGetsKerasDefaultsAndAConstantSchedule() {
        assertThat(resolved(null)).isEqualTo(new OptimizerSpec.Adam(0.001, 0.9, 0.999, 1e-7, CONSTANT, null, null));
        assertThat(resolved(new OptimizerSpec.Sgd(null, null, null, null, null, null)))
                .isEqualTo(new OptimizerSpec.Sgd(0.01, 0.0, false, CONSTANT, null, null));
        assertThat(resolved(new OptimizerSpec.RmsProp(null, null, null, null, null, null, null, null)))
                .isEqualTo(new OptimizerSpec.RmsProp(0.001, 0.9, 0.0, 1e-7, false, CONSTANT, null, null));
        assertThat(resolved(new OptimizerSpec.AdamW(null, null, null, null, null, null, null, null)))
                .isEqualTo(new OptimizerSpec.AdamW(0.001, 0.004, 0.9, 0.999, 1e-7, CONSTANT, null, null));
        assertThat(resolved(new OptimizerSpec.Adagrad(null, null, null, null, null, null)))
                .isEqualTo(new OptimizerSpec.Adagrad(0.001, 0.1, 1e-7, CONSTANT, null, null));
    }

    @Test
    void schedulesGetTheirDefaults() {
        assertThat(schedule(new ScheduleSpec.Step(null, null, null, null)))
                .isEqualTo(new ScheduleSpec.Step(0.1, 10, "epochs", 0));
        assertThat(schedule(new ScheduleSpec.Exponential(null, null, null, 5)))
                .isEqualTo(new ScheduleSpec.Exponential(0.96, 1, "epochs", 5));
        assertThat(schedule(new ScheduleSpec.Cosine(null, null))).isEqualTo(new ScheduleSpec.Cosine(0.0, 0));
        assertThat(schedule(new ScheduleSpec.Constant(null))).isEqualTo(CONSTANT);
    }

    @Test
    void hyperparametersOutOfRangeAreNamedByTheirPath() {
        assertThat(fields(new OptimizerSpec.RmsProp(0.0, 1.0, -0.1, 0.0, null, null, null, null)))
                .containsExactly(
                        "spec.optimizer.learningRate",
                        "spec.optimizer.rho",
                        "spec.optimizer.momentum",
                        "spec.optimizer.epsilon");
        assertThat(fields(new OptimizerSpec.Adam(11.0, 1.0, -0.1, 1.0)))
                .containsExactly(
                        "spec.optimizer.learningRate",
                        "spec.optimizer.beta1",
                        "spec.optimizer.beta2",
                        "spec.optimizer.epsilon");
        assertThat(fields(new OptimizerSpec.AdamW(null, -0.1, null, null, null, null, null, null)))
                .containsExactly("spec.optimizer.weightDecay");
        assertThat(fields(new OptimizerSpec.Adagrad(null, -1.0, null, null, null, null)))
                .containsExactly("spec.optimizer.initialAccumulatorValue");
    }

    @Test
    void nesterovNeedsMomentum() {
        assertThat(fields(new OptimizerSpec.Sgd(0.1, null, true, null, null, null)))
                .containsExactly("spec.optimizer.nesterov");
        assertThat(resolved(new OptimizerSpec.Sgd(0.1, 0.9, true, null, null, null)))
                .isEqualTo(new OptimizerSpec.Sgd(0.1, 0.9, true, CONSTANT, null, null));
    }

    @Test
    void clippingIsPositiveAndOneKindAtATime() {
        assertThat(fields(new OptimizerSpec.Adam(null, null, null, null, null, 0.0, null)))
                .containsExactly("spec.optimizer.clipNorm");
        assertThat(fields(new OptimizerSpec.Adam(null, null, null, null, null, null, -1.0)))
                .containsExactly("spec.optimizer.clipValue");
        assertThat(fields(new OptimizerSpec.Adam(null, null, null, null, null, 1.0, 0.5)))
                .containsExactly("spec.optimizer.clipValue");
        assertThat(resolved(new OptimizerSpec.Adam(null, null, null, null, null, 1.0, null))
                        .clipNorm())
                .isEqualTo(1.0);
    }

    @Test
    void scheduleProblemsAreNamedUnderSchedule() {
        assertThat(fields(withSchedule(new ScheduleSpec.Step(1.5, 0, "weeks", -1))))
                .containsExactlyInAnyOrder(
                        "spec.optimizer.schedule.warmupSteps", "spec.optimizer.schedule.factor",
                        "spec.optimizer.schedule.every", "spec.optimizer.schedule.unit");
        assertThat(fields(withSchedule(new ScheduleSpec.Exponential(0.0, null, null, null))))
                .containsExactly("spec.optimizer.schedule.decayRate");
        // cosine must end below where it starts (the learning rate, 0.1 here)
        assertThat(fields(withSchedule(new ScheduleSpec.Cosine(0.1, null))))
                .containsExactly("spec.optimizer.schedule.minLearningRate");
    }

    @Test
    void batchSizeIsAPositiveWholeNumberOrAll() {
        assertThat(SpecValidator.resolve(spec(null, ModelSpec.ALL_ROWS), IRIS).batchSize())
                .isEqualTo(ModelSpec.ALL_ROWS);
        assertThat(SpecValidator.resolve(spec(null, 1), IRIS).batchSize()).isEqualTo(1);
        for (int bad : new int[] {0, -1, 65_537}) {
            DomainException e =
                    catchThrowableOfType(DomainException.class, () -> SpecValidator.resolve(spec(null, bad), IRIS));
            assertThat(e.errors()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("spec.batchSize");
                assertThat(p.message()).contains("\"all\"");
            });
        }
    }

    @Test
    void batchSizeReadsAndWritesAllInJson() {
        ModelSpec all = JSON.readValue("{\"layers\": [], \"batchSize\": \"all\"}", ModelSpec.class);
        assertThat(all.batchSize()).isEqualTo(ModelSpec.ALL_ROWS);
        assertThat(JSON.writeValueAsString(all)).contains("\"batchSize\":\"all\"");
        ModelSpec sixteen = JSON.readValue("{\"layers\": [], \"batchSize\": 16}", ModelSpec.class);
        assertThat(JSON.writeValueAsString(sixteen)).contains("\"batchSize\":16");
        for (String bad : List.of("\"some\"", "\"8\"", "1.5", "true", "[1]")) {
            DatabindException e = catchThrowableOfType(
                    DatabindException.class,
                    () -> JSON.readValue("{\"layers\": [], \"batchSize\": " + bad + "}", ModelSpec.class));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.getPath()).last().satisfies(r -> assertThat(r.getPropertyName())
                    .isEqualTo("batchSize"));
            assertThat(e.getOriginalMessage()).contains("\"all\"");
        }
    }

    @Test
    void optimizerJsonCarriesTheScheduleAndClipping() {
        OptimizerSpec read = JSON.readValue(
                """
                {"type": "rmsprop", "rho": 0.95, "centered": true, "clipNorm": 1.0,
                 "schedule": {"type": "cosine", "minLearningRate": 0.0001, "warmupSteps": 5}}""",
                OptimizerSpec.class);
        assertThat(read)
                .isEqualTo(new OptimizerSpec.RmsProp(
                        null, 0.95, null, null, true, new ScheduleSpec.Cosine(0.0001, 5), 1.0, null));
        assertThat(JSON.readValue(JSON.writeValueAsString(read), OptimizerSpec.class))
                .isEqualTo(read);
    }

    private static ScheduleSpec schedule(ScheduleSpec schedule) {
        return resolved(new OptimizerSpec.Sgd(0.1, null, null, schedule, null, null))
                .schedule();
    }

    private static OptimizerSpec withSchedule(ScheduleSpec schedule) {
        return new OptimizerSpec.Sgd(0.1, null, null, schedule, null, null);
    }
}
