package dev.neurona.tuning;

import dev.neurona.jobs.JobView;
import dev.neurona.jobs.TrialJobs;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.security.Callers;
import dev.neurona.tuning.TuningRepository.Run;
import dev.neurona.tuning.TuningRepository.TrialRow;
import dev.neurona.tuning.TuningRepository.TrialStatus;
import dev.neurona.tuning.search.GridSearch;
import dev.neurona.tuning.search.Hyperband;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Submits, describes and cancels tuning runs; the coordinator moves them forward. */
@Service
class TuningService {

    /** What a dry run answers: the settings as resolved and how many trials the search would start. */
    record DryRun(TuningSettings settings, long trials, String note) {}

    private final TuningRepository runs;
    private final TrialJobs jobs;
    private final TuningCoordinator coordinator;
    private final JsonMapper json;
    private final NeuronaProperties properties;

    TuningService(
            TuningRepository runs,
            TrialJobs jobs,
            TuningCoordinator coordinator,
            JsonMapper json,
            NeuronaProperties properties) {
        this.runs = runs;
        this.jobs = jobs;
        this.coordinator = coordinator;
        this.json = json;
        this.properties = properties;
    }

    TuningSettings validate(TuningRequest request) {
        return TuningValidator.validate(
                request,
                jobs,
                json,
                properties.tuning().maxTrials(),
                properties.limits().maxEpochs());
    }

    DryRun dryRun(TuningRequest request) {
        TuningSettings s = validate(request);
        return switch (s.strategy()) {
            case "grid" ->
                new DryRun(
                        s,
                        Math.min(GridSearch.size(s.dimensions()), s.maxTrials()),
                        "the grid has " + GridSearch.size(s.dimensions()) + " combinations");
            case "hyperband" ->
                new DryRun(
                        s,
                        Math.min(Hyperband.trialCount(s.maxEpochs(), s.eta()), s.maxTrials()),
                        Hyperband.plan(s.maxEpochs(), s.eta()) + "; maxTrials " + s.maxTrials()
                                + " caps the jobs, promotions included");
            default -> new DryRun(s, s.maxTrials(), s.strategy() + " search: maxTrials trials");
        };
    }

    /** Stores the run; the first trials are queued at once rather than at the coordinator's next look. */
    TuningView submit(TuningRequest request, String submittedBy) {
        TuningSettings settings = validate(request);
        UUID id = UUID.randomUUID();
        runs.insert(id, settings, submittedBy);
        runs.find(id).ifPresent(coordinator::advance);
        return get(id);
    }

    TuningView get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("tuning run", id));
    }

    Optional<TuningView> find(UUID id) {
        return runs.find(id).map(this::view);
    }

    List<TuningView> list(int offset, int limit) {
        return runs.list(offset, limit).stream().map(this::view).toList();
    }

    TuningView cancel(UUID id) {
        Run run = runs.find(id).orElseThrow(() -> new NotFoundException("tuning run", id));
        // only the key that submitted the run, or an admin (docs/security.md, "Ownership")
        Callers.requireOwnerOrAdmin(run.submittedBy(), "tuning run " + id);
        if (!runs.finish(id, TuningRepository.RunState.CANCELLED, null, null, null)) {
            throw new ConflictException("Tuning run " + id + " has already finished (" + run.state() + ")");
        }
        for (TrialRow row : runs.trials(id)) {
            if (row.status() == TrialStatus.ACTIVE) {
                runs.settle(id, row.index(), TrialStatus.FAILED, null, "the tuning run was cancelled");
                jobs.cancel(row.jobId());
            }
        }
        return get(id);
    }

    TuningView view(Run run) {
        TuningSettings s = run.settings();
        List<TuningView.TrialView> trials = new ArrayList<>();
        int finished = 0;
        int active = 0;
        TuningView.Best best = null;
        List<TrialRow> rows = runs.trials(run.id());
        // one query for every trial's job: the leaderboard is read at every poll of an event stream
        Map<UUID, JobView> trialJobs =
                jobs.findAll(rows.stream().map(TrialRow::jobId).toList());
        for (TrialRow row : rows) {
            JobView job = trialJobs.get(row.jobId());
            Double objective =
                    row.objective() != null ? row.objective() : job == null ? null : s.objective(job.history());
            Double shown = objective == null ? null : s.maximize() ? objective : -objective;
            boolean isBest = run.bestTrial() != null && run.bestTrial() == row.index();
            Long duration = job == null || job.startedAt() == null || job.finishedAt() == null
                    ? null
                    : Duration.between(job.startedAt(), job.finishedAt()).toMillis();
            trials.add(new TuningView.TrialView(
                    row.index(),
                    row.params(),
                    row.status().name(),
                    shown,
                    row.epochs(),
                    job == null ? 0 : job.history().size(),
                    duration,
                    job == null ? null : row.jobId(),
                    job == null ? null : job.state().name(),
                    job == null ? null : job.modelId(),
                    row.reason(),
                    isBest));
            finished += row.status() == TrialStatus.ACTIVE ? 0 : 1;
            active += row.status() == TrialStatus.ACTIVE ? 1 : 0;
            if (isBest && shown != null) {
                best = new TuningView.Best(row.index(), row.params(), shown, run.bestModelId());
            }
        }
        trials.sort(Comparator.comparing((TuningView.TrialView t) -> t.objective() == null)
                .thenComparing(t -> t.objective() == null ? 0 : s.maximize() ? -t.objective() : t.objective())
                .thenComparing(TuningView.TrialView::trial));
        boolean ended = run.state() != TuningRepository.RunState.RUNNING;
        double percent = ended ? 100 : Math.round(1000.0 * finished / s.maxTrials()) / 10.0;
        return new TuningView(
                run.id(),
                run.datasetId(),
                run.state().name(),
                s.strategy(),
                Map.of("metric", s.metric(), "direction", s.maximize() ? "max" : "min"),
                s.dimensions(),
                s.maxTrials(),
                new TuningView.Progress(trials.size(), finished, active, Math.min(100, percent)),
                best,
                trials,
                run.failureReason(),
                run.createdAt(),
                run.finishedAt());
    }
}
