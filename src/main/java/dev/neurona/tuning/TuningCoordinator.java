package dev.neurona.tuning;

import dev.neurona.jobs.JobView;
import dev.neurona.jobs.TrialJobs;
import dev.neurona.model.ModelRegistry;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.node.NodeRole;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.spec.ModelSpec;
import dev.neurona.tuning.TuningRepository.Run;
import dev.neurona.tuning.TuningRepository.TrialRow;
import dev.neurona.tuning.TuningRepository.TrialStatus;
import dev.neurona.tuning.search.SearchStrategy;
import dev.neurona.tuning.search.Strategies;
import dev.neurona.tuning.search.Trial;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves running tuning runs forward, every {@code neurona.tuning.poll-interval}: settles trials whose jobs ended
 * (hopeless ones are stopped where they train, by {@link TrialPruning}), asks the strategy for the next trials and queues them as training jobs, and ends
 * a run when its strategy is done. It keeps nothing in memory that matters: every step starts from the database, so
 * a run continues after a restart, and several api nodes may run the coordinator at once (a trial's index is its
 * primary key, and a run ends once).
 */
@Component
class TuningCoordinator {

    private static final Logger log = LoggerFactory.getLogger(TuningCoordinator.class);

    private final TuningRepository runs;
    private final TrialJobs jobs;
    private final ModelRegistry models;
    private final JsonMapper json;
    private final NeuronaProperties properties;
    private final TaskScheduler scheduler;
    private ScheduledFuture<?> poller;

    TuningCoordinator(
            TuningRepository runs,
            TrialJobs jobs,
            ModelRegistry models,
            JsonMapper json,
            NeuronaProperties properties,
            TaskScheduler scheduler) {
        this.runs = runs;
        this.jobs = jobs;
        this.models = models;
        this.json = json;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    /** Workers train; api and all nodes coordinate (a cluster always has one of those). */
    @PostConstruct
    void start() {
        if (properties.role() == NodeRole.WORKER) {
            return;
        }
        Duration every = properties.tuning().pollInterval();
        poller = scheduler.scheduleWithFixedDelay(this::tick, Instant.now().plus(every), every);
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.cancel(false);
        }
    }

    private void tick() {
        for (UUID id : runs.running()) {
            try {
                runs.find(id).ifPresent(this::advance);
            } catch (RuntimeException e) {
                log.warn("tuning run {}: could not advance it this time: {}", id, e.toString());
            }
        }
    }

    /** One step of a run; public to the package so tests and the service can drive it without waiting. */
    synchronized void advance(Run run) {
        if (run.state() != TuningRepository.RunState.RUNNING) {
            return;
        }
        TuningSettings s = run.settings();
        List<TrialRow> rows = runs.trials(run.id());
        for (TrialRow row : rows) {
            if (row.status() == TrialStatus.ACTIVE) {
                settle(run, row);
            }
        }
        rows = new ArrayList<>(runs.trials(run.id()));
        SearchStrategy strategy = Strategies.of(s);
        JsonNode base = json.valueToTree(s.spec());
        long active =
                rows.stream().filter(r -> r.status() == TrialStatus.ACTIVE).count();
        while (active < s.parallelTrials()) {
            SearchStrategy.Step step = strategy.next(trials(rows));
            if (step instanceof SearchStrategy.Propose p) {
                Optional<TrialRow> started = start(run, base, p);
                if (started.isEmpty()) {
                    return; // another node queued it; it will be seen next time
                }
                rows.add(started.get());
                active += started.get().status() == TrialStatus.ACTIVE ? 1 : 0;
            } else {
                if (step instanceof SearchStrategy.Done && active == 0) {
                    finish(run, rows);
                }
                return;
            }
        }
    }

    private Optional<TrialRow> start(Run run, JsonNode base, SearchStrategy.Propose p) {
        UUID jobId = UUID.randomUUID();
        ModelSpec spec;
        try {
            spec = jobs.validate(run.datasetId(), SpecPaths.apply(json, base, p.params(), p.epochs()));
        } catch (DomainException | IllegalArgumentException e) {
            String reason = "invalid spec with these values: "
                    + (e instanceof DomainException a && !a.errors().isEmpty()
                            ? a.errors().get(0).field() + ": "
                                    + a.errors().get(0).message()
                            : e.getMessage());
            if (!runs.insertTrial(run.id(), p.index(), jobId, p.params(), p.epochs(), TrialStatus.FAILED, reason)) {
                return Optional.empty();
            }
            return Optional.of(
                    new TrialRow(p.index(), jobId, p.params(), p.epochs(), TrialStatus.FAILED, null, reason, null));
        }
        if (!runs.insertTrial(run.id(), p.index(), jobId, p.params(), p.epochs(), TrialStatus.ACTIVE, null)) {
            return Optional.empty();
        }
        jobs.enqueue(jobId, run.datasetId(), spec, run.submittedBy());
        log.info(
                "tuning run {}: trial {} queued as job {} with {} ({} epochs)",
                run.id(),
                p.index(),
                jobId,
                p.params(),
                p.epochs());
        return Optional.of(
                new TrialRow(p.index(), jobId, p.params(), p.epochs(), TrialStatus.ACTIVE, null, null, null));
    }

    private void settle(Run run, TrialRow row) {
        TuningSettings s = run.settings();
        Optional<JobView> found = jobs.find(row.jobId());
        if (found.isEmpty()) {
            // the node died between recording the trial and queueing its job
            jobs.enqueue(
                    row.jobId(),
                    run.datasetId(),
                    SpecPaths.apply(json, json.valueToTree(s.spec()), row.params(), row.epochs()),
                    run.submittedBy());
            return;
        }
        JobView job = found.get();
        Double objective = s.objective(job.history());
        switch (job.state()) {
            case SUCCEEDED -> runs.settle(run.id(), row.index(), TrialStatus.DONE, objective, null);
            case FAILED -> runs.settle(run.id(), row.index(), TrialStatus.FAILED, objective, job.failureReason());
            case CANCELLED ->
                runs.settle(run.id(), row.index(), TrialStatus.FAILED, objective, "its job was cancelled");
            default -> {}
        }
    }

    private void finish(Run run, List<TrialRow> rows) {
        TrialRow best = null;
        for (TrialRow r : rows) {
            if (r.status() == TrialStatus.DONE
                    && r.objective() != null
                    && (best == null || r.objective() > best.objective())) {
                best = r;
            }
        }
        if (best == null) {
            String first = rows.stream()
                    .map(TrialRow::reason)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse("no trial recorded " + run.settings().metric());
            String reason =
                    "no trial produced a model with " + run.settings().metric() + "; the first reason: " + first;
            runs.finish(
                    run.id(),
                    TuningRepository.RunState.FAILED,
                    null,
                    null,
                    reason.substring(0, Math.min(reason.length(), 2000)));
            return;
        }
        UUID model = jobs.find(best.jobId()).map(JobView::modelId).orElse(null);
        if (runs.finish(run.id(), TuningRepository.RunState.SUCCEEDED, best.index(), model, null) && model != null) {
            models.markBestOfTuning(model, run.id());
            log.info(
                    "tuning run {} done: trial {} is best ({} {}), model {}",
                    run.id(),
                    best.index(),
                    run.settings().metric(),
                    best.objective(),
                    model);
        }
    }

    private static List<Trial> trials(List<TrialRow> rows) {
        return rows.stream()
                .map(r -> new Trial(r.index(), r.params(), r.epochs(), r.objective(), r.status() != TrialStatus.ACTIVE))
                .toList();
    }
}
