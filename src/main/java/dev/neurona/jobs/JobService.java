package dev.neurona.jobs;

import dev.neurona.dataset.ColumnSummary;
import dev.neurona.dataset.DatasetInfo;
import dev.neurona.dataset.DatasetService;
import dev.neurona.dataset.DatasetUsage;
import dev.neurona.dataset.Task;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRegistry;
import dev.neurona.model.RegisterAs;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.security.Callers;
import dev.neurona.spec.DataShape;
import dev.neurona.spec.LayerRow;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.OutputHead;
import dev.neurona.spec.ShapeInference;
import dev.neurona.spec.SpecLimits;
import dev.neurona.spec.SpecValidator;
import dev.neurona.training.Splits;
import dev.neurona.training.TrainingSteps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.stereotype.Service;

/** Submits, describes and cancels training jobs. Validation happens here, before anything is queued. */
@Service
class JobService implements DatasetUsage {

    private final JobRepository jobs;
    private final LiveProgress live;
    private final DatasetService datasets;
    private final JobRequestScheduler scheduler;
    private final SpecLimits limits;
    private final QueueLimits queueLimits;
    private final ModelRegistry models;
    private final JobWakeUp wakeUp;
    private final TransferBases bases;

    JobService(
            JobRepository jobs,
            LiveProgress live,
            DatasetService datasets,
            JobRequestScheduler scheduler,
            QueueLimits queueLimits,
            ModelRegistry models,
            MeterRegistry meters,
            NeuronaProperties properties,
            JobWakeUp wakeUp,
            TransferBases bases) {
        NeuronaProperties.Limits l = properties.limits();
        this.limits = new SpecLimits(l.maxLayers(), l.maxUnits(), l.maxParameters(), l.maxEpochs(), l.maxBatchSize());
        this.jobs = jobs;
        this.live = live;
        this.datasets = datasets;
        this.scheduler = scheduler;
        this.queueLimits = queueLimits;
        this.models = models;
        this.wakeUp = wakeUp;
        this.bases = bases;
        for (JobState state : JobState.values()) {
            Gauge.builder("neurona.jobs", () -> jobs.countByState(state))
                    .description("training jobs by state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(meters);
        }
    }

    DryRunResult dryRun(SubmitJob request) {
        DatasetInfo dataset = dataset(request);
        if (request.register() != null) {
            request.register().validated("register.");
        }
        ModelSpec spec = resolve(request, dataset);
        Splits splits = splits(spec, dataset);
        List<LayerRow> layers = ShapeInference.table(spec, dataset.inputShape());
        String head = OutputHead.of(spec).name().toLowerCase(java.util.Locale.ROOT);
        return new DryRunResult(
                spec,
                dataset.inputShape(),
                layers,
                layers.stream().mapToLong(LayerRow::parameters).sum(),
                head,
                splits.train().length,
                splits.validation().length,
                splits.test().length,
                steps(spec, splits));
    }

    /**
     * Not one transaction with the enqueue on purpose: JobRunr writes through its own connection and may start the
     * job at once, so our row must be committed before JobRunr can see the job.
     */
    JobView submit(SubmitJob request, String submittedBy) {
        DatasetInfo dataset = dataset(request);
        ModelSpec spec = resolve(request, dataset);
        steps(spec, splits(spec, dataset));
        RegisterAs register =
                request.register() == null ? null : request.register().validated("register.");
        return enqueue(dataset.id(), spec, null, register, submittedBy);
    }

    /**
     * Trains a model's resolved spec (seed included) on its dataset again; the new model's receipt says whether
     * the test metrics came out identical.
     */
    JobView replay(String modelRef, String submittedBy) {
        ModelRecord model = models.get(modelRef);
        DatasetInfo dataset = datasets.find(model.datasetId())
                .orElseThrow(() -> new ConflictException("Model "
                        + model.id() + " was trained on dataset " + model.datasetId()
                        + ", which has been deleted: there is "
                        + "nothing to replay it on."));
        if (model.receipt() != null && !dataset.sha256().equals(model.receipt().datasetSha256())) {
            throw new ConflictException("Dataset " + dataset.id() + " no longer has the SHA-256 recorded in the "
                    + "model's receipt; a replay would not train on the same data.");
        }
        // the replay becomes the next version of the name the model has, so the two are compared side by side
        RegisterAs register = model.registeredName() == null ? null : RegisterAs.named(model.registeredName());
        return enqueue(dataset.id(), model.spec(), model.id(), register, submittedBy);
    }

    /**
     * Validates a spec for a dataset as a submission would (spec, splits, batches) and returns it resolved; the
     * problems name fields under {@code spec.}.
     */
    ModelSpec validate(UUID datasetId, ModelSpec spec) {
        SubmitJob request = new SubmitJob(datasetId, spec, false);
        DatasetInfo dataset = dataset(request);
        ModelSpec resolved = resolve(request, dataset);
        steps(resolved, splits(resolved, dataset));
        return resolved;
    }

    /**
     * Queues a job under a given id, without the queue limits (a tuning run passed them when it was submitted, and
     * queues only a few trials at a time). Idempotent: a job that already exists is left as it is.
     */
    void enqueueTrial(UUID id, UUID datasetId, ModelSpec spec, String submittedBy) {
        if (jobs.find(id).isEmpty()) {
            jobs.insert(id, datasetId, spec, null, null, submittedBy);
        }
        scheduler.enqueue(id, new TrainingJobRequest(id));
        wakeUp.jobQueued();
    }

    /** {@code submittedBy}: the submitting API key's id, null with security disabled. */
    private JobView enqueue(UUID datasetId, ModelSpec spec, UUID replayOf, RegisterAs register, String submittedBy) {
        queueLimits.check(submittedBy);
        UUID id = UUID.randomUUID();
        jobs.insert(id, datasetId, spec, replayOf, register, submittedBy);
        try {
            // same id in JobRunr: enqueueing twice is a no-op, and our row and its job always match
            scheduler.enqueue(id, new TrainingJobRequest(id));
        } catch (RuntimeException e) {
            jobs.finish(id, JobState.FAILED, "could not be queued: " + e.getMessage(), null, List.of());
            throw e;
        }
        wakeUp.jobQueued();
        return get(id);
    }

    JobView get(UUID id) {
        JobView job = jobs.find(id).orElseThrow(() -> new NotFoundException("job", id));
        Integer position = job.state() == JobState.QUEUED ? jobs.queuePosition(id, job.createdAt()) : null;
        return present(job, position, Instant.now());
    }

    List<JobView> list(int offset, int limit) {
        List<JobView> list = jobs.list(offset, limit);
        Map<UUID, Integer> positions =
                list.stream().anyMatch(j -> j.state() == JobState.QUEUED) ? jobs.queuePositions() : Map.of();
        Instant now = Instant.now();
        return list.stream().map(j -> present(j, positions.get(j.id()), now)).toList();
    }

    /**
     * The stored job with the batch position of this JVM when it runs the job here (fresher than the database's,
     * which is at most a second old), the percentage, ETA and queue position.
     */
    private JobView present(JobView job, Integer queuePosition, Instant now) {
        LiveProgress.Position p = job.state() == JobState.RUNNING ? live.position(job.id()) : null;
        JobView current = p == null ? job : job.withProgress(p.epoch(), p.batch(), p.totalBatches());
        return current.withEstimates(
                JobProgress.of(
                        current.state(),
                        current.epoch(),
                        current.batch(),
                        current.totalBatches(),
                        current.totalEpochs(),
                        current.startEpoch(),
                        current.startedAt(),
                        now),
                queuePosition);
    }

    /** A caller's cancel: only the key that submitted the job, or an admin (docs/security.md, "Ownership"). */
    JobView cancelAsCaller(UUID id) {
        JobView job = get(id);
        Callers.requireOwnerOrAdmin(jobs.submittedBy(id).orElse(null), "job " + id);
        return cancel(job.id());
    }

    JobView cancel(UUID id) {
        JobView job = get(id);
        if (job.state().terminal()) {
            throw new ConflictException("Job " + id + " has already finished (" + job.state() + ")");
        }
        if (jobs.cancelQueued(id)) {
            scheduler.delete(id);
        } else if (jobs.requestCancel(id)) {
            live.cancel(id);
        }
        return get(id);
    }

    @Override
    public Optional<String> activeUse(UUID datasetId) {
        long active = jobs.countActiveForDataset(datasetId);
        return active == 0
                ? Optional.empty()
                : Optional.of(active + " queued or running job(s) train on it; cancel them first");
    }

    private DatasetInfo dataset(SubmitJob request) {
        if (request.datasetId() == null) {
            throw new InvalidInputException("datasetId", "required: the id of an uploaded dataset");
        }
        if (request.spec() == null) {
            throw new InvalidInputException("spec", "required: the architecture spec, e.g. {\"layers\": [...]}");
        }
        return datasets.find(request.datasetId())
                .orElseThrow(() -> new InvalidInputException(
                        "Unknown dataset",
                        List.of(new FieldProblem("datasetId", "no dataset with id " + request.datasetId()))));
    }

    private ModelSpec resolve(SubmitJob request, DatasetInfo dataset) {
        // the numeric feature columns by name: physics-informed training asks for x and t
        List<String> numeric = dataset.columns() == null
                ? null
                : dataset.columns().stream()
                        .filter(c -> "feature".equals(c.role()) && "numeric".equals(c.type()))
                        .map(ColumnSummary::name)
                        .toList();
        DataShape shape =
                new DataShape(dataset.inputShape(), dataset.task(), dataset.classes(), dataset.rows(), numeric);
        ModelSpec spec = bases.expand(request.spec(), dataset);
        try {
            return SpecValidator.resolve(spec, shape, limits);
        } catch (InvalidInputException e) {
            if (TransferBases.expands(request.spec())) {
                throw TransferBases.inRequestTerms(e, spec.from().baseLayers());
            }
            throw e;
        }
    }

    /** The split the job will use; refused when it leaves nothing to train on. */
    private static Splits splits(ModelSpec spec, DatasetInfo dataset) {
        int[] classOf = dataset.task() == Task.CLASSIFICATION ? classIndices(dataset) : null;
        Splits splits;
        if (dataset.officialTestRows() > 0) {
            // the official test images are the test split; validation comes out of the rest (sizes only here)
            int rest = dataset.rows() - dataset.officialTestRows();
            Splits part = Splits.of(null, rest, spec.validationSplit(), 0.0, spec.seed());
            splits = new Splits(
                    part.train(),
                    part.validation(),
                    java.util.stream.IntStream.range(rest, dataset.rows()).toArray());
        } else {
            splits = Splits.of(classOf, dataset.rows(), spec.validationSplit(), spec.testSplit(), spec.seed());
        }
        if (splits.train().length == 0) {
            throw new InvalidInputException(
                    "Invalid spec",
                    List.of(new FieldProblem(
                            "spec.testSplit",
                            "with "
                                    + dataset.rows() + " rows, testSplit " + spec.testSplit() + " and validationSplit "
                                    + spec.validationSplit() + " leave no row to train on: lower them")));
        }
        return splits;
    }

    private TrainingSteps steps(ModelSpec spec, Splits splits) {
        TrainingSteps steps = TrainingSteps.of(spec, splits.train().length);
        List<FieldProblem> problems = steps.problems(spec, limits.maxBatchSize());
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid spec", problems);
        }
        return steps;
    }

    /** Class index per row, rebuilt from the class balance: enough to compute the stratified split sizes. */
    private static int[] classIndices(DatasetInfo dataset) {
        int[] classOf = new int[dataset.rows()];
        int row = 0;
        for (int c = 0; c < dataset.classes().size(); c++) {
            int count = dataset.classBalance().getOrDefault(dataset.classes().get(c), 0);
            for (int i = 0; i < count && row < classOf.length; i++) {
                classOf[row++] = c;
            }
        }
        return classOf;
    }
}
