package dev.neurona.tuning;

import dev.neurona.jobs.EpochJudge;
import dev.neurona.jobs.TrialJobs;
import dev.neurona.training.EpochRecord;
import dev.neurona.tuning.TuningRepository.TrialRow;
import dev.neurona.tuning.TuningRepository.TrialStatus;
import dev.neurona.tuning.search.MedianStopping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The median stopping rule, applied where the trial trains, after each of its epochs: a trial of a run with
 * {@code earlyStopping: median} whose best objective so far is below the median of the finished trials' running
 * averages is recorded as PRUNED and its job stopped. For an ordinary job this costs one indexed lookup per epoch.
 */
@Component
class TrialPruning implements EpochJudge {

    private final TuningRepository runs;
    private final TrialJobs jobs;
    /** Finished trials' curves never change: read once per node. */
    private final Map<UUID, List<Double>> finishedCurves = new ConcurrentHashMap<>();

    TrialPruning(TuningRepository runs, TrialJobs jobs) {
        this.runs = runs;
        this.jobs = jobs;
    }

    @Override
    public Optional<String> stop(UUID jobId, List<EpochRecord> history) {
        var trial = runs.trialOfJob(jobId).orElse(null);
        if (trial == null || trial.getValue().status() != TrialStatus.ACTIVE) {
            return Optional.empty();
        }
        var run = runs.find(trial.getKey()).orElse(null);
        if (run == null || !run.settings().earlyStopping().equals("median")) {
            return Optional.empty();
        }
        TuningSettings s = run.settings();
        List<List<Double>> finished = new ArrayList<>();
        for (TrialRow r : runs.trials(run.id())) {
            if (r.status() == TrialStatus.DONE) {
                finished.add(finishedCurves.computeIfAbsent(
                        r.jobId(),
                        id -> jobs.find(id).map(j -> curve(s, j.history())).orElse(List.of())));
            }
        }
        if (!MedianStopping.shouldStop(
                curve(s, history), finished, Math.max(1, s.spec().epochs() / 5))) {
            return Optional.empty();
        }
        String reason = "stopped after epoch " + history.size() + ": its best " + s.metric() + " was below the "
                + "median of the finished trials at that epoch (median stopping rule)";
        runs.settle(run.id(), trial.getValue().index(), TrialStatus.PRUNED, s.objective(history), reason);
        return Optional.of(reason);
    }

    /** The oriented objective per epoch; an epoch without it repeats the previous value (or the worst). */
    static List<Double> curve(TuningSettings s, List<EpochRecord> history) {
        List<Double> values = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (EpochRecord r : history) {
            Double v = s.oriented(r);
            last = v == null ? last : v;
            values.add(last);
        }
        return values;
    }
}
