package dev.neurona.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.spec.SpecValidator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loss terms of the physics-informed training, computed by the trainer's own code on functions whose residual
 * is known by hand: the exact solution sin(2π(x − ut)) and a non-solution sin(2π(x + t)).
 */
class AdvectionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double TWO_PI = 2 * Math.PI;

    /** sin(a·x + b·t) built from the same forward-mode operations as a network: a dense layer, then sin. */
    private static Advection.Field sine(double a, double b) {
        return (x, t) -> {
            NDManager m = x.getManager();
            Dual input = new Dual(
                    NDArrays.concat(new NDList(x, t), 1),
                    NDArrays.concat(new NDList(x.onesLike(), x.zerosLike()), 1),
                    NDArrays.concat(new NDList(x.zerosLike(), x.onesLike()), 1));
            NDArray weight = m.create(new float[] {(float) a, (float) b}, new Shape(1, 2));
            NDArray bias = m.zeros(new Shape(1));
            return input.dense(weight, bias).activation("sin");
        };
    }

    @Test
    void theExactSolutionHasNoResidualAndMeetsItsInitialAndBoundaryConditions() {
        for (double u : new double[] {1.0, 0.5, -2.0}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Advection.Points points = Advection.Points.sample(m, new Random(7), 2000, 200, 200);
                Advection.Field exact = sine(TWO_PI, -TWO_PI * u);

                NDArray r = Advection.residual(exact, points.x(), points.t(), u);
                Advection.Terms terms = Advection.terms(exact, points, u);

                assertThat(r.abs().max().getFloat()).isLessThan(1e-4f);
                assertThat(terms.residual().getFloat()).isLessThan(1e-9f);
                assertThat(terms.initial().getFloat()).isLessThan(1e-10f);
                assertThat(terms.boundary().getFloat()).isLessThan(1e-10f);
            }
        }
    }

    @Test
    void aNonSolutionHasTheResidualItsDerivativesGive() {
        try (NDManager m = NDManager.newBaseManager()) {
            Advection.Points points = Advection.Points.sample(m, new Random(8), 2000, 200, 200);
            // φ = sin(2π(x + t)): φ_t + φ_x = 4π·cos(2π(x + t)); it still meets φ(x, 0) = sin 2πx and periodicity
            Advection.Field wrong = sine(TWO_PI, TWO_PI);

            float[] r = Advection.residual(wrong, points.x(), points.t(), 1.0).toFloatArray();
            float[] x = points.x().toFloatArray();
            float[] t = points.t().toFloatArray();
            double largest = 0;
            double meanSquare = 0;
            for (int i = 0; i < r.length; i++) {
                double expected = 4 * Math.PI * Math.cos(TWO_PI * (x[i] + t[i]));
                assertThat((double) r[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3));
                largest = Math.max(largest, Math.abs(r[i]));
                meanSquare += expected * expected / r.length;
            }
            assertThat(largest).isGreaterThan(12.0); // 4π ≈ 12.57 somewhere among 2000 points
            Advection.Terms terms = Advection.terms(wrong, points, 1.0);
            // mean of (4π cos)² over the square is 8π² ≈ 79; the sample's own mean is the reference
            assertThat((double) terms.residual().getFloat())
                    .isCloseTo(meanSquare, org.assertj.core.data.Offset.offset(1e-2 * meanSquare));
            assertThat(terms.initial().getFloat()).isLessThan(1e-10f);
            assertThat(terms.boundary().getFloat()).isLessThan(1e-10f);
        }
    }

    @Test
    void theBatchedTermsEqualTheTermsComputedOneByOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            Advection.Points points = Advection.Points.sample(m, new Random(10), 300, 40, 30);
            // sin(3x + 5t): wrong residual, wrong initial condition, not periodic
            Advection.Field wrong = sine(3, 5);
            Advection.Terms terms = Advection.terms(wrong, points, 0.7);
            float residual = Advection.residual(wrong, points.x(), points.t(), 0.7)
                    .square()
                    .mean()
                    .getFloat();
            float initial = Advection.initialError(wrong, points.initialX())
                    .square()
                    .mean()
                    .getFloat();
            float boundary = Advection.periodicError(wrong, points.boundaryT())
                    .square()
                    .mean()
                    .getFloat();

            assertThat(initial).isGreaterThan(0.01f);
            assertThat(boundary).isGreaterThan(0.01f);
            assertThat(terms.residual().getFloat()).isCloseTo(residual, org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(terms.initial().getFloat()).isCloseTo(initial, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(terms.boundary().getFloat()).isCloseTo(boundary, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void theNetworksDerivativesMatchFiniteDifferencesAndItsValueTheBlocksForwardPass() {
        ModelSpec spec = spec();
        TabularEncoding encoding = encoding();
        Engine.getInstance().setRandomSeed(3);
        Network network = NetworkBuilder.build(spec);
        try (Model model = Model.newInstance("physics-test", "PyTorch")) {
            model.setBlock(network.block());
            try (Trainer trainer =
                            model.newTrainer(new DefaultTrainingConfig(new DjlLossAdapter(network.objective())));
                    NDManager m = trainer.getManager().newSubManager()) {
                trainer.initialize(new Shape(1, 2));
                PhysicsNetwork field = new PhysicsNetwork(network.block(), spec.layers(), encoding);
                Advection.Points p = Advection.Points.sample(m, new Random(9), 50, 1, 1);
                double h = 1e-2;
                Dual at = field.at(p.x(), p.t());
                float[] dx = at.dx().toFloatArray();
                float[] dt = at.dt().toFloatArray();
                float[] xPlus = field.at(p.x().add(h), p.t()).value().toFloatArray();
                float[] xMinus = field.at(p.x().sub(h), p.t()).value().toFloatArray();
                float[] tPlus = field.at(p.x(), p.t().add(h)).value().toFloatArray();
                float[] tMinus = field.at(p.x(), p.t().sub(h)).value().toFloatArray();
                for (int i = 0; i < dx.length; i++) {
                    assertThat((double) dx[i])
                            .isCloseTo((xPlus[i] - xMinus[i]) / (2 * h), org.assertj.core.data.Offset.offset(2e-3));
                    assertThat((double) dt[i])
                            .isCloseTo((tPlus[i] - tMinus[i]) / (2 * h), org.assertj.core.data.Offset.offset(2e-3));
                }
                assertThat(new Shape(dx.length)).isEqualTo(new Shape(50));
                assertThat(java.util.Arrays.stream(toDoubles(dx))
                                .map(Math::abs)
                                .max()
                                .orElseThrow())
                        .isGreaterThan(1e-3);

                // the prediction path: standardise the row, run the block, decode the target
                NDArray standardised = NDArrays.concat(
                        new NDList(p.x().sub(0.5f).div(0.3f), p.t().sub(0.4f).div(0.25f)), 1);
                float[] forward = trainer.evaluate(new NDList(standardised))
                        .singletonOrThrow()
                        .toFloatArray();
                float[] value = at.value().toFloatArray();
                for (int i = 0; i < value.length; i++) {
                    assertThat((double) value[i])
                            .isCloseTo(forward[i] * 0.7 + 0.1, org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void trainingLowersTheLossAndMeasuresTheGrid() {
        ModelSpec spec = spec();
        TabularEncoding encoding = encoding();
        Engine.getInstance().setRandomSeed(4);
        Network network = NetworkBuilder.build(spec);
        int n = 20;
        float[] inputs = new float[n * n * 2];
        float[] y = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = i / (n - 1.0);
                double t = j / (n - 1.0);
                int row = i * n + j;
                inputs[2 * row] = (float) ((x - 0.5) / 0.3);
                inputs[2 * row + 1] = (float) ((t - 0.4) / 0.25);
                y[row] = (float) ((Advection.exact(x, t, 1.0) - 0.1) / 0.7);
            }
        }
        TrainingLoop.TableData grid = new TrainingLoop.TableData(inputs, y, n * n, 2);
        try (Model model = Model.newInstance("physics-train-test", "PyTorch")) {
            model.setBlock(network.block());
            var optimization = PhysicsTraining.optimization(spec);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(new DjlLossAdapter(network.objective()))
                    .optOptimizer(optimization.optimizer()))) {
                trainer.initialize(new Shape(1, 2));
                double[] before = PhysicsTraining.errors(trainer, encoding, grid);
                PhysicsTraining.Result result =
                        PhysicsTraining.fit(trainer, spec, encoding, grid, optimization, new SilentListener());

                assertThat(result.history()).hasSize(spec.epochs());
                assertThat(result.history().get(spec.epochs() - 1).loss())
                        .isLessThan(result.history().get(0).loss() / 2);
                assertThat(result.metrics().testRows()).isEqualTo(n * n);
                assertThat(result.metrics().mae()).isLessThan(before[1]);
                assertThat(result.metrics().maxAbsError())
                        .isGreaterThanOrEqualTo(result.metrics().mae());
                assertThat(result.metrics().rmse())
                        .isBetween(result.metrics().mae(), result.metrics().maxAbsError());
            }
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static ModelSpec spec() {
        return SpecValidator.resolve(
                JSON.readValue(
                        """
                        {"layers": [{"type": "dense", "units": 16, "activation": "tanh"},
                                    {"type": "dense", "units": 16, "activation": "tanh"},
                                    {"type": "dense", "units": 1}],
                         "optimizer": {"type": "adam", "learningRate": 0.01},
                         "epochs": 5, "seed": 5,
                         "physics": {"collocation": 300, "initial": 50, "boundary": 50, "stepsPerEpoch": 60}}""",
                        ModelSpec.class),
                new DataShape(List.of(2), Task.REGRESSION, List.of(), 400, List.of("x", "t")));
    }

    /** x and t standardised with made-up statistics, so the chain rule's factors are not 1. */
    private static TabularEncoding encoding() {
        return new TabularEncoding(
                List.of(
                        new TabularEncoding.Feature("x", "numeric", 0.5, 0.3, null, null),
                        new TabularEncoding.Feature("t", "numeric", 0.4, 0.25, null, null)),
                "phi",
                Task.REGRESSION,
                List.of(),
                0.1,
                0.7,
                false);
    }

    private static final class SilentListener implements TrainingListener {
        @Override
        public void batch(int epoch, int batch, int totalBatches) {}

        @Override
        public void epoch(EpochRecord record, List<EpochRecord> history) {}

        @Override
        public void checkpoint(Checkpoint checkpoint) {}

        @Override
        public boolean cancelled() {
            return false;
        }
    }
}
