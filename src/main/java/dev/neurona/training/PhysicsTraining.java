package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.model.Finding;
import dev.neurona.model.Metrics;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Physics;
import dev.neurona.training.optim.Optimization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Physics-informed training (docs/physics.md): every step is one full-batch update on w_r·mean(r²) + w_i·mean((φ(x,0)
 * − sin 2πx)²) + w_b·mean((φ(0,t) − φ(1,t))²), r = φ_t + u·φ_x at collocation points drawn afresh each epoch (from
 * the spec's seed). The dataset's rows are not trained on: they are the grid the network is measured on, every
 * epoch (the epoch's MAE) and at the end (the model's metrics).
 */
public final class PhysicsTraining {

    static final String X = "x";
    static final String T = "t";

    /**
     * @param terms the last epoch's mean residual, initial and boundary terms
     */
    public record Result(List<EpochRecord> history, Metrics metrics, double[] terms) {

        public Finding finding() {
            return new Finding(
                    "physics_terms",
                    String.format(
                            Locale.ROOT,
                            "last epoch's loss terms: PDE residual %.3g, initial condition %.3g, periodic boundary "
                                    + "%.3g (mean squares); on the %d grid rows max |error| %.4g, mean |error| %.4g",
                            terms[0],
                            terms[1],
                            terms[2],
                            metrics.testRows(),
                            metrics.maxAbsError(),
                            metrics.mae()),
                    history.size(),
                    terms[0]);
        }
    }

    private PhysicsTraining() {}

    /** The optimizer's schedule counts the steps of the physics epochs. */
    public static Optimization optimization(ModelSpec spec) {
        int steps = spec.physics().stepsPerEpoch();
        return Optimization.of(spec.optimizer(), steps, (long) steps * spec.epochs());
    }

    /**
     * @param grid the dataset's rows, encoded: the evaluation grid
     */
    public static Result fit(
            Trainer trainer,
            ModelSpec spec,
            TabularEncoding encoding,
            TrainingLoop.Data grid,
            Optimization optimization,
            TrainingListener listener) {
        Physics physics = spec.physics();
        Physics.Weights w = physics.weights();
        PhysicsNetwork field = new PhysicsNetwork(trainer.getModel().getBlock(), spec.layers(), encoding);
        Random random = new Random(spec.seed() ^ 0x9E3779B97F4A7C15L);
        int steps = physics.stepsPerEpoch();
        List<EpochRecord> history = new ArrayList<>();
        double[] terms = new double[3];
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            double[] termSums = new double[3];
            try (NDManager points = trainer.getManager().newSubManager()) {
                Advection.Points sample = Advection.Points.sample(
                        points, random, physics.collocation(), physics.initial(), physics.boundary());
                for (int step = 1; step <= steps; step++) {
                    if (listener.cancelled()) {
                        throw new TrainingCancelled();
                    }
                    double[] values = step(trainer, field, sample, physics, w, epoch, step);
                    lossSum += values[0];
                    for (int k = 0; k < 3; k++) {
                        termSums[k] += values[k + 1];
                    }
                    optimization.beforeStep(trainer.getModel().getBlock().getParameters());
                    trainer.step();
                    listener.batch(epoch, step, steps);
                }
            }
            for (int k = 0; k < 3; k++) {
                terms[k] = termSums[k] / steps;
            }
            double[] errors = errors(trainer, encoding, grid);
            double seconds = (System.nanoTime() - start) / 1e9;
            int points = physics.collocation() + physics.initial() + 2 * physics.boundary();
            EpochRecord record = new EpochRecord(
                    epoch,
                    lossSum / steps,
                    null,
                    null,
                    errors[1],
                    null,
                    null,
                    null,
                    Math.round(seconds * 1000),
                    (double) points * steps / Math.max(seconds, 1e-9),
                    optimization.learningRate((long) epoch * steps - 1));
            history.add(record);
            listener.epoch(record, history);
        }
        double[] errors = errors(trainer, encoding, grid);
        double std = encoding.targetStd();
        Metrics metrics = Metrics.physics(
                grid.rows(),
                errors[2] / (std * std),
                errors[2],
                errors[1],
                Double.isNaN(errors[3]) ? null : errors[3],
                errors[0]);
        return new Result(history, metrics, terms);
    }

    /** One update's forward and backward pass; returns the weighted loss and its three terms. */
    private static double[] step(
            Trainer trainer,
            PhysicsNetwork field,
            Advection.Points sample,
            Physics physics,
            Physics.Weights w,
            int epoch,
            int step) {
        try (NDManager sub = trainer.getManager().newSubManager();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector collector = trainer.newGradientCollector()) {
                Advection.Points local = new Advection.Points(
                        sample.x().duplicate(), sample.t().duplicate(),
                        sample.initialX().duplicate(), sample.boundaryT().duplicate());
                local.x().attach(sub);
                local.t().attach(sub);
                local.initialX().attach(sub);
                local.boundaryT().attach(sub);
                Advection.Terms terms = Advection.terms(field, local, physics.velocity());
                NDArray total = terms.total(w.residual(), w.initial(), w.boundary());
                double loss = total.getFloat();
                if (!Double.isFinite(loss)) {
                    throw new TrainingDiverged("loss became " + (Double.isNaN(loss) ? "NaN" : "infinite")
                            + " at epoch " + epoch + ", step " + step + " — the training diverged: lower the "
                            + "learning rate or the weights of spec.physics");
                }
                collector.backward(total);
                return new double[] {
                    loss,
                    terms.residual().getFloat(),
                    terms.initial().getFloat(),
                    terms.boundary().getFloat()
                };
            }
        }
    }

    /**
     * The network against the grid's targets, through the block's own forward pass (as a prediction runs it), in the
     * target's units: max |error|, mean |error|, mean squared error, R² (null for a constant target).
     */
    static double[] errors(Trainer trainer, TabularEncoding encoding, TrainingLoop.Data grid) {
        int[] all = IntStream.range(0, grid.rows()).toArray();
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDArray inputs = grid.inputs(sub, all, 0, all.length, false);
            float[] out =
                    trainer.evaluate(new NDList(inputs)).singletonOrThrow().toFloatArray();
            double max = 0;
            double abs = 0;
            double squares = 0;
            double mean = 0;
            double[] target = new double[out.length];
            for (int i = 0; i < out.length; i++) {
                target[i] = encoding.decodeTarget(grid.y()[i]);
                mean += target[i] / out.length;
            }
            double total = 0;
            for (int i = 0; i < out.length; i++) {
                double error = encoding.decodeTarget(out[i]) - target[i];
                max = Math.max(max, Math.abs(error));
                abs += Math.abs(error);
                squares += error * error;
                total += (target[i] - mean) * (target[i] - mean);
            }
            return new double[] {
                max, abs / out.length, squares / out.length, total > 0 ? 1 - squares / total : Double.NaN
            };
        }
    }
}
