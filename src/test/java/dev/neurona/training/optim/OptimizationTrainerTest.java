package dev.neurona.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.loss.Loss;
import dev.neurona.spec.OptimizerSpec;
import dev.neurona.spec.ScheduleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The optimizers inside a real DJL trainer, the way the training loop drives them: one linear unit y = w·x + b with
 * w = (0.5, 0.5), b = 0, and the "loss" y itself, so every gradient is known: ∂y/∂w = x = (3, 4), ∂y/∂b = 1.
 */
class OptimizationTrainerTest {

    private static final float[] X = {3, 4};

    @Test
    void gradientsAreZeroedAfterEveryUpdateSoTheyDoNotAccumulate() {
        Optimization sgd =
                Optimization.of(new OptimizerSpec.Sgd(0.1, 0.0, false, new ScheduleSpec.Constant(0), null, null), 1, 2);
        try (Model model = model(sgd);
                Trainer trainer = trainer(model, sgd)) {
            step(trainer, sgd);
            step(trainer, sgd);
            // two equal gradients, not 1 + 2 of them
            assertThat(weights(model))
                    .containsExactly(new float[] {0.5f - 2 * 0.1f * 3, 0.5f - 2 * 0.1f * 4}, within(1e-6f));
            assertThat(parameter(model, "bias").getArray().getFloat()).isCloseTo(-2 * 0.1f, within(1e-6f));
        }
    }

    @Test
    void clipNormScalesTheWholeStepByTheGlobalNormOfAllParameters() {
        Optimization sgd =
                Optimization.of(new OptimizerSpec.Sgd(1.0, 0.0, false, new ScheduleSpec.Constant(0), 1.0, null), 1, 1);
        try (Model model = model(sgd);
                Trainer trainer = trainer(model, sgd)) {
            step(trainer, sgd);
            // the gradient (3, 4 | 1) has norm √26; clipped to norm 1 it is (3, 4 | 1)/√26
            double norm = Math.sqrt(3 * 3 + 4 * 4 + 1);
            assertThat(weights(model)[0]).isCloseTo((float) (0.5 - 3 / norm), within(1e-6f));
            assertThat(weights(model)[1]).isCloseTo((float) (0.5 - 4 / norm), within(1e-6f));
            assertThat(parameter(model, "bias").getArray().getFloat()).isCloseTo((float) (-1 / norm), within(1e-6f));
        }
    }

    @Test
    void nativeMemoryStaysFlatOverThousandsOfUpdates() {
        ScheduleSpec cosine = new ScheduleSpec.Cosine(0.0, 10);
        List<OptimizerSpec> specs = List.of(
                new OptimizerSpec.Sgd(0.001, 0.9, true, cosine, 1.0, null),
                new OptimizerSpec.RmsProp(0.001, 0.9, 0.5, 1e-7, true, cosine, null, 0.5),
                new OptimizerSpec.Adam(0.001, 0.9, 0.999, 1e-7, cosine, 1.0, null),
                new OptimizerSpec.AdamW(0.001, 0.004, 0.9, 0.999, 1e-7, cosine, null, null),
                new OptimizerSpec.Adagrad(0.001, 0.1, 1e-7, cosine, 1.0, null));
        for (OptimizerSpec spec : specs) {
            Optimization optimization = Optimization.of(spec, 100, 2000);
            try (Model model = model(optimization);
                    Trainer trainer = trainer(model, optimization)) {
                step(trainer, optimization);
                int afterFirst = model.getNDManager().getManagedArrays().size();
                float[] before = weights(model);
                for (int i = 1; i < 2000; i++) {
                    step(trainer, optimization);
                }
                assertThat(model.getNDManager().getManagedArrays().size())
                        .as("%s: live arrays after 2000 updates", spec)
                        .isEqualTo(afterFirst);
                assertThat(weights(model)).as("%s trains", spec).isNotEqualTo(before);
            }
        }
    }

    private static Model model(Optimization optimization) {
        Model model = Model.newInstance("optimization-test", "PyTorch");
        model.setBlock(Linear.builder().setUnits(1).build());
        return model;
    }

    private static Trainer trainer(Model model, Optimization optimization) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(optimization.optimizer())
                .optInitializer(new ConstantInitializer(0.5f), Parameter.Type.WEIGHT);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1, 2));
        return trainer;
    }

    /** One update, as TrainingLoop makes it: per-step manager and scope, backward, clipping measure, step. */
    private static void step(Trainer trainer, Optimization optimization) {
        try (NDManager sub = trainer.getManager().newSubManager();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = sub.create(X, new Shape(1, 2));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                collector.backward(
                        trainer.forward(new NDList(x)).singletonOrThrow().sum());
            }
        }
        optimization.beforeStep(trainer.getModel().getBlock().getParameters());
        trainer.step();
    }

    private static Parameter parameter(Model model, String name) {
        return model.getBlock().getParameters().get(name);
    }

    private static float[] weights(Model model) {
        return parameter(model, "weight").getArray().toFloatArray();
    }
}
