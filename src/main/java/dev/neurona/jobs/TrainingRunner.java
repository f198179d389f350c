package dev.neurona.jobs;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import dev.neurona.dataset.DatasetInfo;
import dev.neurona.dataset.DatasetService;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.model.Finding;
import dev.neurona.model.Metrics;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRegistry;
import dev.neurona.model.Receipt;
import dev.neurona.model.TestPredictions;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.engine.DjlEngine;
import dev.neurona.platform.problem.ApiException;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.storage.ArtifactStore;
import dev.neurona.training.Checkpoint;
import dev.neurona.training.Checkpoints;
import dev.neurona.training.DeadUnits;
import dev.neurona.training.DjlLossAdapter;
import dev.neurona.training.EpochRecord;
import dev.neurona.training.LearningCurves;
import dev.neurona.training.PerceptronTraining;
import dev.neurona.training.PreparedData;
import dev.neurona.training.Receipts;
import dev.neurona.training.TestMetrics;
import dev.neurona.training.TrainingCancelled;
import dev.neurona.training.TrainingDiverged;
import dev.neurona.training.TrainingLoop;
import dev.neurona.training.TrainingSteps;
import dev.neurona.training.optim.Optimization;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one training job from its row in the database to a registered model: load and split the data, fit the
 * preprocessing on the training split, train, evaluate on the test split, persist. Safe to run again for the same
 * job (after a crash): a job that already produced a model just finishes.
 */
@Component
class TrainingRunner {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunner.class);

    /** PyTorch's gradient collector is process-wide: one training per JVM, whatever the job engine does. */
    private static final ReentrantLock ONE_TRAINING = new ReentrantLock();

    private final JobRepository jobs;
    private final LiveProgress live;
    private final DatasetService datasets;
    private final ModelRegistry models;
    private final ArtifactStore artifacts;
    private final DjlEngine engine;
    private final JsonMapper json;
    private final AtomicLong samplesPerSecond;
    private final Receipts receipts;
    private final Checkpoints checkpoints;
    private final NeuronaProperties.Recovery recovery;
    private final String node;
    private final JobMetrics metrics;
    private final List<EpochJudge> judges;

    TrainingRunner(
            JobRepository jobs,
            LiveProgress live,
            DatasetService datasets,
            ModelRegistry models,
            ArtifactStore artifacts,
            DjlEngine engine,
            JsonMapper json,
            MeterRegistry meters,
            Receipts receipts,
            Checkpoints checkpoints,
            NeuronaProperties properties,
            JobMetrics metrics,
            List<EpochJudge> judges) {
        this.judges = judges;
        this.receipts = receipts;
        this.jobs = jobs;
        this.live = live;
        this.datasets = datasets;
        this.models = models;
        this.artifacts = artifacts;
        this.engine = engine;
        this.json = json;
        this.checkpoints = checkpoints;
        this.recovery = properties.recovery();
        this.metrics = metrics;
        this.node = properties.node();
        if (recovery.maxAttempts() < 1 || recovery.maxAttempts() > TrainingJobHandler.JOB_SERVER_RETRIES + 1) {
            throw new IllegalStateException("neurona.recovery.max-attempts must be between 1 and "
                    + (TrainingJobHandler.JOB_SERVER_RETRIES + 1) + ", not " + recovery.maxAttempts());
        }
        this.samplesPerSecond = meters.gauge("neurona.training.samples.per.second", new AtomicLong());
    }

    void run(UUID jobId) {
        JobView job = jobs.find(jobId).orElse(null);
        if (job == null || job.state().terminal()) {
            return;
        }
        var existing = models.findByJob(jobId);
        if (existing.isPresent()) {
            // the process died between registering the model and recording the outcome
            jobs.finish(jobId, JobState.SUCCEEDED, null, existing.get().id(), job.history());
            checkpoints.delete(jobId);
            return;
        }
        ONE_TRAINING.lock();
        UUID token = UUID.randomUUID();
        List<EpochRecord> history = new ArrayList<>();
        JobMetrics.Run run = metrics.started();
        try {
            int attempt = jobs.start(jobId, token, node, engine.device().toString());
            if (attempt == 0) {
                jobs.finish(jobId, JobState.CANCELLED, null, null, List.of());
                run.ended(JobState.CANCELLED, null);
                return;
            }
            if (attempt > recovery.maxAttempts()) {
                String reason = "the process running this job stopped " + (attempt - 1) + " times before it finished "
                        + "(killed, out of memory, or its node lost); not tried again (neurona.recovery.max-attempts="
                        + recovery.maxAttempts() + ")";
                end(jobId, token, JobState.FAILED, reason, null, history, run, "crashed");
                return;
            }
            log.info("job {} started (attempt {} on {}, {})", jobId, attempt, node, engine.device());
            UUID modelId = train(job, token, history);
            end(jobId, token, JobState.SUCCEEDED, null, modelId, history, run, null);
            log.info("job {} succeeded: model {}", jobId, modelId);
        } catch (TrainingCancelled e) {
            end(jobId, token, JobState.CANCELLED, null, null, history, run, null);
            log.info("job {} cancelled", jobId);
        } catch (JobStopped e) {
            end(jobId, token, JobState.CANCELLED, e.getMessage(), null, history, run, null);
            log.info("job {} stopped: {}", jobId, e.getMessage());
        } catch (TrainingDiverged e) {
            end(jobId, token, JobState.FAILED, e.getMessage(), null, history, run, "diverged");
            log.info("job {} failed: {}", jobId, e.getMessage());
        } catch (ApiException e) {
            end(jobId, token, JobState.FAILED, e.getMessage(), null, history, run, "invalid_input");
            log.info("job {} failed: {}", jobId, e.getMessage());
        } catch (JobSuperseded e) {
            log.warn("job {}: another run has taken it over; this one stops", jobId);
            run.ended(null, null);
        } catch (RuntimeException e) {
            log.error("job {} failed unexpectedly", jobId, e);
            end(jobId, token, JobState.FAILED, "internal error: " + e, null, history, run, "internal");
        } finally {
            run.close();
            live.clear(jobId);
            ONE_TRAINING.unlock();
        }
    }

    /** Records the outcome while this run owns the job; a finished job needs its checkpoint no more. */
    private void end(
            UUID jobId,
            UUID token,
            JobState state,
            String reason,
            UUID modelId,
            List<EpochRecord> history,
            JobMetrics.Run run,
            String failure) {
        if (jobs.finish(jobId, token, state, reason, modelId, history)) {
            checkpoints.delete(jobId);
            run.ended(state, failure);
        } else {
            log.warn("job {}: another run has taken it over; outcome {} not recorded", jobId, state);
            run.ended(null, null);
        }
    }

    private UUID train(JobView job, UUID token, List<EpochRecord> history) {
        long start = System.nanoTime();
        ModelSpec spec = job.spec();
        DatasetInfo dataset = datasets.get(job.datasetId());
        PreparedData data = "image".equals(dataset.kind())
                ? PreparedData.images(datasets.loadImages(dataset.id()), dataset, spec)
                : PreparedData.table(datasets.load(dataset.id()), spec);
        Preprocessing preprocessing = data.preprocessing();
        boolean classify = preprocessing.task() == Task.CLASSIFICATION;

        engine.seed(spec.seed());
        Network network = NetworkBuilder.build(spec);
        if (spec.classWeights() != null) {
            network = network.withClassWeights(spec.classWeights()
                    .perClass(
                            preprocessing.classes(),
                            classCounts(data.train(), preprocessing.classes().size())));
        }
        double targetStd = classify ? 1.0 : ((TabularEncoding) preprocessing).targetStd();
        TrainingSteps steps = TrainingSteps.of(spec, data.train().rows());
        Optimization optimization = Optimization.of(spec.optimizer(), steps.batchesPerEpoch(), steps.totalSteps());
        TrainingLoop loop = new TrainingLoop(
                spec, network, classify ? preprocessing.classes().size() : 0, targetStd, optimization);
        UUID modelId = UUID.randomUUID();
        try (Model model = Model.newInstance("job-" + job.id(), engine.device())) {
            model.setBlock(network.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(new DjlLossAdapter(network.objective()))
                    .optOptimizer(optimization.optimizer());
            Metrics metrics = Metrics.none();
            TestPredictions predictions = null;
            List<Finding> diagnosis = new ArrayList<>();
            Receipt receipt;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape(preprocessing));
                skipZeroGradientCheck(trainer);
                if (spec.perceptron()) {
                    PerceptronTraining.Result result = PerceptronTraining.fit(
                            trainer,
                            spec,
                            data.train(),
                            data.validation(),
                            listener(job.id(), token, spec.epochs(), history));
                    history.clear();
                    history.addAll(result.history());
                    diagnosis.add(result.finding(data.train().rows()));
                    log.info(
                            "job {}: perceptron {}",
                            job.id(),
                            result.summary(data.train().rows()));
                } else {
                    Checkpoint resume = checkpoints.load(job.id()).orElse(null);
                    if (resume != null) {
                        log.info("job {} resumes after epoch {} of {}", job.id(), resume.epoch(), spec.epochs());
                        if (!jobs.resumed(job.id(), token, resume.epoch(), resume.history())) {
                            throw new JobSuperseded();
                        }
                    }
                    List<EpochRecord> trained = loop.fit(
                            trainer,
                            data.train(),
                            data.validation(),
                            listener(job.id(), token, spec.epochs(), history),
                            resume);
                    history.clear();
                    history.addAll(trained);
                    if (loop.earlyStop() != null) {
                        diagnosis.add(loop.earlyStop());
                    }
                    diagnosis.addAll(LearningCurves.diagnose(history));
                    diagnosis.addAll(DeadUnits.find(trainer, network, spec, data.train()));
                }
                if (data.test().rows() > 0) {
                    TrainingLoop.Evaluation test = loop.evaluate(trainer, data.test());
                    metrics = TestMetrics.of(test, data.test().y(), network.head(), preprocessing);
                    if (classify) {
                        predictions = TestMetrics.predictions(
                                test,
                                data.test().y(),
                                data.testRows(),
                                network.head(),
                                preprocessing.classes().size());
                    }
                }
                Boolean matches = null;
                if (job.replayOf() != null) {
                    ModelRecord original = models.find(job.replayOf()).orElse(null);
                    if (original != null) {
                        String difference = receipts.difference(original.metrics(), metrics);
                        matches = difference == null;
                        diagnosis.add(receipts.finding(original, difference));
                    }
                }
                receipt = receipts.of(
                        spec.seed(),
                        data,
                        dataset,
                        trainer,
                        (System.nanoTime() - start) / 1_000_000,
                        job.replayOf(),
                        matches);
            }
            Map<String, String> sums = persist(model, modelId, spec, preprocessing, predictions);
            try {
                models.register(new ModelRecord(
                        modelId,
                        job.id(),
                        job.datasetId(),
                        dataset.name(),
                        preprocessing.task(),
                        Instant.now(),
                        spec,
                        preprocessing,
                        metrics,
                        sums,
                        diagnosis,
                        receipt));
            } catch (DataIntegrityViolationException e) {
                // one model per job (unique index): another run of this job registered its model first
                artifacts.deletePrefix(ModelRecord.prefix(modelId));
                throw new JobSuperseded();
            }
        }
        return modelId;
    }

    private static int[] classCounts(TrainingLoop.Data train, int classes) {
        int[] counts = new int[classes];
        for (float y : train.y()) {
            counts[(int) y]++;
        }
        return counts;
    }

    /** A batch of one: (1, features) or (1, channels, height, width). */
    static Shape inputShape(Preprocessing preprocessing) {
        long[] dims = new long[preprocessing.inputShape().size() + 1];
        dims[0] = 1;
        for (int i = 0; i < preprocessing.inputShape().size(); i++) {
            dims[i + 1] = preprocessing.inputShape().get(i);
        }
        return new Shape(dims);
    }

    private Map<String, String> persist(
            Model model, UUID modelId, ModelSpec spec, Preprocessing encoding, TestPredictions predictions) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("neurona-model-");
            model.setProperty("Epoch", "0");
            model.save(dir, ModelRecord.PARAMETERS_NAME);
            // the spec and preprocessing travel with the parameters so a model directory stands on its own
            Files.writeString(dir.resolve("spec.json"), json.writeValueAsString(spec));
            Files.writeString(dir.resolve("preprocessing.json"), json.writeValueAsString(encoding));
            if (predictions != null) {
                // beside the parameters, so its SHA-256 is recorded and checked like theirs
                Files.write(dir.resolve(TestPredictions.NAME), predictions.encode());
            }
            Map<String, String> sums = new TreeMap<>();
            artifacts
                    .putDirectory(ModelRecord.prefix(modelId), dir)
                    .forEach((name, sha) -> sums.put(ModelRecord.prefix(modelId) + "/" + name, sha));
            return sums;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model " + modelId, e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * @param recorded kept equal to the history so far, so a job that ends early (cancelled, stopped) records the
     *                 epochs it trained
     */
    private TrainingLoop.Listener listener(UUID jobId, UUID token, int epochs, List<EpochRecord> recorded) {
        return new TrainingLoop.Listener() {
            private long lastWrite = System.nanoTime();

            @Override
            public void batch(int epoch, int batch, int totalBatches) {
                live.update(jobId, epoch, batch, totalBatches);
                if (System.nanoTime() - lastWrite > 1_000_000_000L) {
                    lastWrite = System.nanoTime();
                    jobs.batchProgress(jobId, token, epoch, batch, totalBatches);
                    if (jobs.cancelRequested(jobId)) {
                        live.cancel(jobId);
                    }
                }
            }

            @Override
            public void epoch(EpochRecord record, List<EpochRecord> history) {
                LiveProgress.Position p = live.position(jobId);
                if (!jobs.progress(
                        jobId,
                        token,
                        record.epoch(),
                        p == null ? 0 : p.batch(),
                        p == null ? 0 : p.totalBatches(),
                        history)) {
                    throw new JobSuperseded();
                }
                samplesPerSecond.set(Math.round(record.samplesPerSecond()));
                recorded.clear();
                recorded.addAll(history);
                if (record.epoch() < epochs) {
                    for (EpochJudge judge : judges) {
                        var reason = judge.stop(jobId, history);
                        if (reason.isPresent()) {
                            throw new JobStopped(reason.get());
                        }
                    }
                }
            }

            @Override
            public void checkpoint(Checkpoint checkpoint) {
                int every = recovery.checkpointEveryEpochs();
                if (every > 0 && checkpoint.epoch() % every == 0) {
                    long ms = checkpoints.save(jobId, checkpoint);
                    log.debug("job {}: checkpoint after epoch {} written in {} ms", jobId, checkpoint.epoch(), ms);
                }
            }

            @Override
            public boolean cancelled() {
                return live.isCancelled(jobId);
            }
        };
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

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("could not delete temporary directory {}", dir, e);
        }
    }
}
