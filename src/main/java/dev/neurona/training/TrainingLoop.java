package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.OutputHead;
import dev.neurona.training.optim.Optimization;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The mini-batch loop, written by hand rather than with EasyTrain: it reports the real data loss (EasyTrain's
 * default listeners show NaN), adds the L1/L2 penalties, stops on NaN with a reason, and checks for cancellation at
 * every batch. Every NDArray of a batch lives in a per-batch sub-manager and scope, so native memory stays flat.
 */
public final class TrainingLoop {

    /** A split to train or evaluate on: rows, their targets, and how a batch of inputs becomes a tensor. */
    public interface Data {
        int rows();

        /** Class index or standardised target per row. */
        float[] y();

        /** The inputs of rows order[from..to) as one tensor in the given manager; augmented only when training. */
        NDArray inputs(NDManager manager, int[] order, int from, int to, boolean training);

        /** Re-seeds whatever randomness {@link #inputs} draws on (augmentation) at the start of an epoch. */
        default void reseed(long seed) {}
    }

    /** Encoded table rows, row-major (rows × width). */
    record TableData(float[] x, float[] y, int rows, int width) implements Data {

        @Override
        public NDArray inputs(NDManager manager, int[] order, int from, int to, boolean training) {
            float[] out = new float[(to - from) * width];
            for (int i = from; i < to; i++) {
                System.arraycopy(x, order[i] * width, out, (i - from) * width, width);
            }
            return manager.create(out, new Shape(to - from, width));
        }
    }

    /**
     * Network outputs for a dataset (rows × outputWidth, before the head; null when not kept) and the mean loss; for
     * a reconstruction also each row's loss ({@code rowScores}), each row's mean squared error, and the mean
     * absolute error over every value.
     */
    public record Evaluation(
            float[] outputs,
            int outputWidth,
            double loss,
            float[] rowScores,
            float[] rowSquaredErrors,
            double meanAbsoluteError) {

        public Evaluation(float[] outputs, int outputWidth, double loss) {
            this(outputs, outputWidth, loss, null, null, Double.NaN);
        }
    }

    private final ModelSpec spec;
    private final Network network;
    private final int classes;
    private final double targetStd;
    private dev.neurona.model.Finding earlyStop;
    private final Optimization optimization;
    private final boolean reconstruction;

    public TrainingLoop(ModelSpec spec, Network network, int classes, double targetStd, Optimization optimization) {
        this.reconstruction = spec.reconstruction();
        this.spec = spec;
        this.network = network;
        this.classes = classes;
        this.targetStd = targetStd;
        this.optimization = optimization;
    }

    /**
     * Trains from epoch 1, or from the epoch after {@code resume}'s when resuming a checkpoint of the same job. Every
     * epoch draws its randomness (shuffle, dropout masks, augmentation) from seeds derived from the spec's seed and
     * the epoch number alone, so a resumed training takes exactly the steps the uninterrupted one would have taken.
     */
    public List<EpochRecord> fit(
            Trainer trainer, Data train, Data validation, TrainingListener listener, Checkpoint resume) {
        List<EpochRecord> history = new ArrayList<>();
        TrainingSteps steps = TrainingSteps.of(spec, train.rows());
        int batchSize = steps.batchSize();
        int batches = steps.batchesPerEpoch();
        int[] order = new int[train.rows()];
        EarlyStopper stopper = spec.earlyStopping() == null ? null : new EarlyStopper(spec.earlyStopping());
        earlyStop = null;
        int first = 1;
        if (resume != null) {
            resume.restore(trainer, optimization, stopper);
            history.addAll(resume.history());
            first = resume.epoch() + 1;
        }
        for (int epoch = first; epoch <= spec.epochs(); epoch++) {
            long start = System.nanoTime();
            BaseWeights.freezeFor(network, spec, epoch);
            long epochSeed = epochSeed(spec.seed(), epoch);
            trainer.getManager().getEngine().setRandomSeed((int) (epochSeed & Integer.MAX_VALUE));
            train.reseed(epochSeed);
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Splits.shuffle(order, new Random(epochSeed));
            double lossSum = 0;
            double penaltySum = 0;
            double metricSum = 0;
            for (int b = 0; b < batches; b++) {
                if (listener.cancelled()) {
                    throw new TrainingCancelled();
                }
                int from = b * batchSize;
                int to = Math.min(train.rows(), from + batchSize);
                double[] step = step(trainer, train, order, from, to, epoch, b + 1);
                lossSum += step[0] * (to - from);
                penaltySum += step[1] * (to - from);
                metricSum += step[2];
                listener.batch(epoch, b + 1, batches);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int n = train.rows();
            Evaluation val = validation.rows() > 0 ? evaluate(trainer, validation) : null;
            boolean classify = classes > 0;
            EpochRecord record = new EpochRecord(
                    epoch,
                    lossSum / n,
                    network.penalties().isEmpty() ? null : penaltySum / n,
                    classify ? metricSum / n : null,
                    classify ? null : metricSum / n * targetStd,
                    val == null ? null : val.loss(),
                    val == null || !classify ? null : accuracy(val, validation.y()),
                    val == null || classify
                            ? null
                            : reconstruction
                                    ? val.meanAbsoluteError()
                                    : meanAbsoluteError(val, validation.y()) * targetStd,
                    Math.round(seconds * 1000),
                    n / Math.max(seconds, 1e-9),
                    optimization.learningRate((long) epoch * batches - 1));
            history.add(record);
            listener.epoch(record, history);
            if (stopper != null && stopper.stop(record, trainer.getModel().getBlock())) {
                break;
            }
            if (epoch < spec.epochs()) {
                listener.checkpoint(Checkpoint.of(epoch, history, trainer, optimization, stopper));
            }
        }
        if (stopper != null) {
            stopper.finish(trainer.getModel().getBlock(), history.size());
            earlyStop = stopper.finding();
        }
        return history;
    }

    /** SplitMix64 of (seed, epoch): unrelated streams for neighbouring epochs and seeds. */
    static long epochSeed(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** After {@link #fit}: how early stopping ended it, or null when it ran every epoch. */
    public dev.neurona.model.Finding earlyStop() {
        return earlyStop;
    }

    /** One optimisation step; returns {data loss, penalty, correct predictions or summed absolute error}. */
    private double[] step(Trainer trainer, Data data, int[] order, int from, int to, int epoch, int batch) {
        double lossValue;
        double penaltyValue = 0;
        double metric;
        try (NDManager sub = trainer.getManager().newSubManager();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = data.inputs(sub, order, from, to, true);
            NDArray y;
            if (reconstruction) {
                // the target is the clean input; only what the network sees is corrupted
                y = x;
                x = corrupt(x);
            } else {
                y = labels(sub, data, order, from, to);
            }
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray output = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray loss = network.objective().evaluate(output, y);
                NDArray total = loss;
                for (Network.Penalty penalty : network.penalties()) {
                    NDArray term = penalty.of();
                    if (term != null) {
                        total = total.add(term);
                    }
                }
                lossValue = loss.getFloat();
                if (!Double.isFinite(lossValue)) {
                    throw new TrainingDiverged("loss became " + (Double.isNaN(lossValue) ? "NaN" : "infinite")
                            + " at epoch " + epoch + ", batch " + batch + " — the training diverged: lower the "
                            + "learning rate (it is " + spec.optimizer().learningRate() + ") or the L1/L2 factors");
                }
                if (total != loss) {
                    penaltyValue = total.getFloat() - lossValue;
                }
                collector.backward(total);
                metric = classes > 0
                        ? correct(output, y)
                        : reconstruction
                                ? output.sub(y).abs().mean().getFloat() * (to - from)
                                : output.sub(y).abs().sum().getFloat();
            }
        }
        optimization.beforeStep(trainer.getModel().getBlock().getParameters());
        trainer.step();
        return new double[] {lossValue, penaltyValue, metric};
    }

    /**
     * Denoising: Gaussian noise of the set standard deviation, then a random fraction of values set to 0, drawn from
     * the engine's generator (seeded per epoch, so a resumed training draws the same).
     */
    NDArray corrupt(NDArray x) {
        ModelSpec.Autoencoder settings = spec.autoencoder();
        if (settings == null) {
            return x;
        }
        NDManager manager = x.getManager();
        if (settings.noise() != null && settings.noise() > 0) {
            x = x.add(manager.randomNormal(0f, settings.noise().floatValue(), x.getShape(), x.getDataType()));
        }
        if (settings.masking() != null && settings.masking() > 0) {
            NDArray keep = manager.randomUniform(0f, 1f, x.getShape())
                    .gte(settings.masking().floatValue())
                    .toType(x.getDataType(), false);
            x = x.mul(keep);
        }
        return x;
    }

    /** Forward pass in inference mode (dropout off) over a whole split, in batches. */
    public Evaluation evaluate(Trainer trainer, Data data) {
        return evaluate(trainer, data, true);
    }

    /**
     * As {@link #evaluate(Trainer, Data)}; {@code keepOutputs} false leaves the outputs out (a reconstruction of a
     * whole training split would be as large as the split).
     */
    public Evaluation evaluate(Trainer trainer, Data data, boolean keepOutputs) {
        int width = -1;
        float[] outputs = null;
        double lossSum = 0;
        float[] rowScores = reconstruction ? new float[data.rows()] : null;
        float[] rowSquared = reconstruction ? new float[data.rows()] : null;
        double absoluteSum = 0;
        long values = 0;
        int batchSize = Math.max(256, spec.batchSize());
        int[] order = java.util.stream.IntStream.range(0, data.rows()).toArray();
        for (int from = 0; from < data.rows(); from += batchSize) {
            int to = Math.min(data.rows(), from + batchSize);
            try (NDManager sub = trainer.getManager().newSubManager();
                    NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = data.inputs(sub, order, from, to, false);
                NDArray output = trainer.evaluate(new NDList(x)).singletonOrThrow();
                if (reconstruction) {
                    NDArray scores = network.objective().perRow(output, x);
                    lossSum += scores.sum().getFloat();
                    NDArray error = output.sub(x).reshape(to - from, -1);
                    System.arraycopy(scores.toFloatArray(), 0, rowScores, from, to - from);
                    System.arraycopy(error.square().mean(new int[] {1}).toFloatArray(), 0, rowSquared, from, to - from);
                    absoluteSum += error.abs().sum().getFloat();
                    values += error.size();
                } else {
                    lossSum += loss(output, labels(sub, data, order, from, to)) * (to - from);
                }
                if (width < 0) {
                    width = (int) (output.size() / (to - from));
                    outputs = keepOutputs ? new float[data.rows() * width] : null;
                }
                if (outputs != null) {
                    System.arraycopy(output.toFloatArray(), 0, outputs, from * width, (to - from) * width);
                }
            }
        }
        return new Evaluation(
                outputs,
                width,
                lossSum / data.rows(),
                rowScores,
                rowSquared,
                values == 0 ? Double.NaN : absoluteSum / values);
    }

    /** The objective's mean loss; for a perceptron (no objective) the fraction of misclassified rows. */
    private double loss(NDArray output, NDArray labels) {
        if (network.objective() == null) {
            return network.head()
                    .classes(output)
                    .neq(labelClasses(labels))
                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    .mean()
                    .getFloat();
        }
        return network.objective().evaluate(output, labels).getFloat();
    }

    private double accuracy(Evaluation e, float[] y) {
        int[] predicted = network.head().classes(e.outputs(), e.outputWidth());
        int correct = 0;
        for (int r = 0; r < predicted.length; r++) {
            correct += predicted[r] == (int) y[r] ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }

    private static double meanAbsoluteError(Evaluation e, float[] y) {
        double sum = 0;
        for (int r = 0; r < y.length; r++) {
            sum += Math.abs(e.outputs()[r] - y[r]);
        }
        return sum / y.length;
    }

    private double correct(NDArray output, NDArray y) {
        return network.head().classes(output).eq(labelClasses(y)).sum().getLong();
    }

    /**
     * The true class per row, (n) int64, from labels as {@link #labels} made them: one-hot rows, or one column of
     * class indices (sparse categorical) or of 0/1 (sigmoid and margin heads).
     */
    static NDArray labelClasses(NDArray labels) {
        NDArray classes = labels.getShape().get(1) > 1
                ? labels.argMax(1)
                : labels.toType(ai.djl.ndarray.types.DataType.INT64, false);
        return classes.toType(ai.djl.ndarray.types.DataType.INT64, false)
                .reshape(labels.getShape().get(0));
    }

    /**
     * One-hot (n, K) for softmax, class indices (n, 1) for sparse categorical cross-entropy, 0/1 (n, 1) for
     * sigmoid and margin heads, targets (n, 1) for regression.
     */
    private NDArray labels(NDManager manager, Data data, int[] order, int from, int to) {
        int n = to - from;
        if (network.head() == OutputHead.SOFTMAX && !network.objective().sparseLabels()) {
            float[] oneHot = new float[n * classes];
            for (int i = 0; i < n; i++) {
                oneHot[i * classes + (int) data.y()[order[from + i]]] = 1f;
            }
            return manager.create(oneHot, new Shape(n, classes));
        }
        float[] column = new float[n];
        for (int i = 0; i < n; i++) {
            column[i] = data.y()[order[from + i]];
        }
        return manager.create(column, new Shape(n, 1));
    }
}
