package dev.neurona.training;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import dev.neurona.dataset.DatasetInfo;
import dev.neurona.dataset.DatasetService;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.model.Finding;
import dev.neurona.model.Metrics;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.Receipt;
import dev.neurona.model.TestPredictions;
import dev.neurona.platform.engine.DjlEngine;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.training.optim.Optimization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Trains one network from a dataset to a model ready to store: prepares the data (the preprocessing is fitted on the
 * training split only), builds and trains the network (the mini-batch loop, or Rosenblatt's rule for a perceptron),
 * evaluates it on the test split, diagnoses the training, and for a replay compares the test metrics with the
 * original's. Knows nothing of jobs: progress, checkpoints, cancellation and resuming go through the
 * {@link TrainingListener}.
 */
@Component
public class ModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(ModelTrainer.class);

    /** PyTorch's gradient collector is process-wide: one training per JVM, whatever the job engine does. */
    private static final ReentrantLock ONE_TRAINING = new ReentrantLock();

    private final DatasetService datasets;
    private final DjlEngine engine;
    private final Receipts receipts;
    private final BaseWeights baseWeights;

    ModelTrainer(DatasetService datasets, DjlEngine engine, Receipts receipts, BaseWeights baseWeights) {
        this.datasets = datasets;
        this.engine = engine;
        this.receipts = receipts;
        this.baseWeights = baseWeights;
    }

    /**
     * Runs {@code work} while no training runs elsewhere in this JVM; a training it starts goes ahead (the lock is
     * reentrant). A job takes its turn this way before it counts as started, so the jobs behind it stay queued.
     */
    public void oneAtATime(Runnable work) {
        ONE_TRAINING.lock();
        try {
            work.run();
        } finally {
            ONE_TRAINING.unlock();
        }
    }

    /** The device trainings run on, e.g. {@code cpu()}. */
    public String device() {
        return engine.device().toString();
    }

    /**
     * @throws TrainingCancelled once the listener says so, at a batch boundary
     * @throws TrainingDiverged  when the loss becomes NaN or infinite
     */
    public TrainedModel train(TrainingTask task, TrainingListener listener) {
        ONE_TRAINING.lock();
        try {
            return trainAlone(task, listener);
        } finally {
            ONE_TRAINING.unlock();
        }
    }

    private TrainedModel trainAlone(TrainingTask task, TrainingListener listener) {
        long start = System.nanoTime();
        ModelSpec spec = task.spec();
        DatasetInfo dataset = datasets.get(task.datasetId());
        boolean tabular = !"image".equals(dataset.kind());
        PreparedData data = "image".equals(dataset.kind())
                ? PreparedData.images(datasets.loadImages(dataset.id()), dataset, spec)
                : PreparedData.table(datasets.load(dataset.id()), spec);
        Preprocessing preprocessing = data.preprocessing();
        boolean reconstruct = spec.reconstruction();
        // an autoencoder keeps the dataset's labels for its report but trains on none of them
        boolean classify = !reconstruct && preprocessing.task() == Task.CLASSIFICATION;

        engine.seed(spec.seed());
        Network network = NetworkBuilder.build(spec);
        if (spec.classWeights() != null) {
            network = network.withClassWeights(spec.classWeights()
                    .perClass(
                            preprocessing.classes(),
                            classCounts(data.train(), preprocessing.classes().size())));
        }
        double targetStd = classify || reconstruct ? 1.0 : ((TabularEncoding) preprocessing).targetStd();
        TrainingSteps steps = TrainingSteps.of(spec, data.train().rows());
        Optimization optimization = spec.physics() != null
                ? PhysicsTraining.optimization(spec)
                : Optimization.of(spec.optimizer(), steps.batchesPerEpoch(), steps.totalSteps());
        TrainingLoop loop = new TrainingLoop(
                spec, network, classify ? preprocessing.classes().size() : 0, targetStd, optimization);
        try (Model model = Model.newInstance(task.name(), engine.device())) {
            model.setBlock(network.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(new DjlLossAdapter(network.objective()))
                    .optOptimizer(optimization.optimizer());
            Metrics metrics = Metrics.none();
            TestPredictions predictions = null;
            byte[] chart = null;
            List<Finding> diagnosis = new ArrayList<>();
            List<EpochRecord> history;
            Receipt receipt;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape(preprocessing));
                skipZeroGradientCheck(trainer);
                Checkpoint resume =
                        spec.perceptron() ? null : listener.resumePoint().orElse(null);
                if (spec.from() != null && resume == null) {
                    // a resumed training's checkpoint holds every parameter already
                    baseWeights.copyInto(network, spec);
                }
                if (spec.physics() != null) {
                    // physics-informed (docs/physics.md): the rows, all in the "training" split, are the grid
                    PhysicsTraining.Result result = PhysicsTraining.fit(
                            trainer, spec, (TabularEncoding) preprocessing, data.train(), optimization, listener);
                    history = result.history();
                    metrics = result.metrics();
                    diagnosis.add(result.finding());
                    diagnosis.addAll(LearningCurves.diagnose(history));
                    log.info(
                            "{}: physics-informed, {}",
                            task.name(),
                            result.finding().message());
                } else if (spec.perceptron()) {
                    PerceptronTraining.Result result =
                            PerceptronTraining.fit(trainer, spec, data.train(), data.validation(), listener);
                    history = result.history();
                    diagnosis.add(result.finding(data.train().rows()));
                    log.info(
                            "{}: perceptron {}",
                            task.name(),
                            result.summary(data.train().rows()));
                } else {
                    history = loop.fit(trainer, data.train(), data.validation(), listener, resume);
                    if (loop.earlyStop() != null) {
                        diagnosis.add(loop.earlyStop());
                    }
                    diagnosis.addAll(LearningCurves.diagnose(history));
                    diagnosis.addAll(DeadUnits.find(trainer, network, spec, data.train()));
                }
                if (data.test().rows() > 0) {
                    TrainingLoop.Evaluation test = loop.evaluate(trainer, data.test(), !reconstruct || !tabular);
                    if (reconstruct) {
                        metrics = ReconstructionReport.metrics(spec, trainer, loop, test, data.train(), data.test());
                        chart = tabular
                                ? ReconstructionChart.scores(
                                        test.rowScores(),
                                        metrics.reconstruction().threshold(),
                                        spec.loss())
                                : ReconstructionChart.images(
                                        trainer,
                                        loop,
                                        data.test(),
                                        test,
                                        (ImageEncoding) preprocessing,
                                        spec.autoencoder().noise() > 0
                                                || spec.autoencoder().masking() > 0);
                    } else {
                        metrics = TestMetrics.of(test, data.test().y(), network.head(), preprocessing);
                    }
                    if (classify) {
                        predictions = TestMetrics.predictions(
                                test,
                                data.test().y(),
                                data.testRows(),
                                network.head(),
                                preprocessing.classes().size());
                    }
                }
                TrainingTask.Replay replay = task.replay();
                Boolean matches = null;
                if (replay != null && replay.original() != null) {
                    String difference = receipts.difference(replay.original(), metrics);
                    matches = difference == null;
                    diagnosis.add(receipts.finding(replay.modelId(), difference));
                }
                receipt = receipts.of(
                        spec,
                        data,
                        dataset,
                        trainer,
                        (System.nanoTime() - start) / 1_000_000,
                        replay == null ? null : replay.modelId(),
                        matches);
            }
            return new TrainedModel(
                    dataset,
                    spec,
                    preprocessing,
                    metrics,
                    predictions,
                    diagnosis,
                    receipt,
                    history,
                    saveParameters(model, chart));
        }
    }

    private static int[] classCounts(TrainingLoop.Data train, int classes) {
        int[] counts = new int[classes];
        for (float y : train.y()) {
            counts[(int) y]++;
        }
        return counts;
    }

    /** A batch of one: (1, features) or (1, channels, height, width). */
    private static Shape inputShape(Preprocessing preprocessing) {
        long[] dims = new long[preprocessing.inputShape().size() + 1];
        dims[0] = 1;
        for (int i = 0; i < preprocessing.inputShape().size(); i++) {
            dims[i + 1] = preprocessing.inputShape().get(i);
        }
        return new Shape(dims);
    }

    /** DJL saves parameters only into a directory: a temporary one, which the result hands on. */
    private static Path saveParameters(Model model, byte[] chart) {
        Path dir = null;
        boolean saved = false;
        try {
            dir = Files.createTempDirectory("neurona-model-");
            model.setProperty("Epoch", "0");
            model.save(dir, ModelRecord.PARAMETERS_NAME);
            if (chart != null) {
                Files.write(dir.resolve(TrainedModel.RECONSTRUCTIONS_PNG), chart);
            }
            saved = true;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the trained parameters", e);
        } finally {
            if (!saved && dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("could not delete temporary directory {}", dir, e);
        }
    }

    /**
     * DJL's first {@code step()} refuses to go on when the gradients sum to exactly 0.0f. For a lone softmax layer
     * with cross-entropy they sum to zero mathematically (Σₖ(pₖ − yₖ) = 0), so float rounding alone decides
     * whether logistic regression — the course's first network — trains. An all-zero network is a lesson, not an
     * error, too. The check is a private flag; where a DJL version lacks it, DJL's behaviour stays as it is.
     */
    private static void skipZeroGradientCheck(Trainer trainer) {
        try {
            java.lang.reflect.Field checked = Trainer.class.getDeclaredField("gradientsChecked");
            checked.setAccessible(true);
            checked.setBoolean(trainer, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn(
                    "cannot skip DJL's zero-gradient check ({}); a lone softmax layer may fail to train", e.toString());
        }
    }
}
