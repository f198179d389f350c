package dev.neurona.tuning.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Hyperband (Li et al., JMLR 2018): successive halving run in several brackets that trade many configurations on a
 * small budget against few on a large one, so that neither a wrong guess of "how early can we tell" wins.
 *
 * <p>With R = {@code maxEpochs}, s_max = ⌊log_η R⌋, bracket s (from s_max down to 0) starts n = ⌈(s_max + 1) /
 * (s + 1) · η^s⌉ random configurations at r = R · η^−s epochs. Rung i + 1 of a bracket promotes the best ⌊n_i / η⌋
 * trials of rung i (by objective; a trial without one ranks last, ties go to the earlier trial) to η times the epochs,
 * until the last rung trains R epochs. A rung's epochs are {@code round(R · η^(i − s))}, at least 1, rather than r_i
 * multiplied up, so the last rung gets exactly R when R is not a power of η.
 *
 * <p><b>A promotion is a new trial that trains from scratch</b> with the same values for the larger budget: trials
 * are independent jobs and carry no checkpoint from one rung to the next. That costs the epochs of the lower rungs
 * again (for R = 27, η = 3, 423 epochs instead of 357, a fifth more), in exchange for trials that are ordinary
 * jobs and a learning-rate schedule that sees the whole budget.
 *
 * <p>The plan ({@link #rungs}) is a fixed list of rungs, and trial indices are handed out along it: bracket after
 * bracket, rung after rung. So the rung of a trial follows from its index alone, and the whole state of the search
 * is the trial list. The next trial of a promoted rung has to wait ({@link Wait}) until every trial of the rung below
 * has finished; a bracket's first rung never waits, so the next bracket starts while the last one's top rung runs.
 * {@code maxTrials} caps the number of trials proposed, promotions included: the plan is cut there.
 */
public final class Hyperband implements SearchStrategy {

    /** Trials [first, first + size) train for epochs; rung 0 draws new configurations, the others promote. */
    record Rung(int bracket, int rung, long size, int epochs, long first) {}

    private final List<Dimension> dims;
    private final List<Rung> plan;
    private final int maxTrials;
    private final long seed;

    Hyperband(List<Dimension> dims, int maxEpochs, int eta, int maxTrials, long seed) {
        Sampling.checkAll(dims);
        if (maxTrials < 0) {
            throw new IllegalArgumentException("maxTrials must not be negative");
        }
        this.dims = List.copyOf(dims);
        this.plan = rungs(maxEpochs, eta);
        this.maxTrials = maxTrials;
        this.seed = seed;
    }

    @Override
    public Step next(List<Trial> trials) {
        int index = trials.size();
        int at = rungOf(index);
        if (index >= maxTrials || at < 0) {
            return new Done();
        }
        Rung rung = plan.get(at);
        if (rung.rung() == 0) {
            return new Propose(index, RandomSearch.draw(dims, seed, index), rung.epochs());
        }
        Rung below = plan.get(at - 1);
        List<Trial> candidates = trials.subList((int) below.first(), (int) (below.first() + below.size()));
        if (candidates.stream().anyMatch(trial -> !trial.finished())) {
            return new Wait();
        }
        List<Trial> ranked = candidates.stream().sorted(BEST_FIRST).toList();
        return new Propose(index, ranked.get((int) (index - rung.first())).params(), rung.epochs());
    }

    private static final Comparator<Trial> BEST_FIRST =
            Comparator.comparingDouble((Trial trial) -> score(trial)).reversed().thenComparingInt(Trial::index);

    private static double score(Trial trial) {
        Double objective = trial.objective();
        return objective == null || objective.isNaN() ? Double.NEGATIVE_INFINITY : objective;
    }

    private int rungOf(long index) {
        for (int i = 0; i < plan.size(); i++) {
            Rung rung = plan.get(i);
            if (index < rung.first() + rung.size()) {
                return i;
            }
        }
        return -1;
    }

    /** The whole plan in the order trials are numbered. */
    static List<Rung> rungs(int maxEpochs, int eta) {
        if (maxEpochs < 1 || eta < 2) {
            throw new IllegalArgumentException("Hyperband needs maxEpochs >= 1 and eta >= 2");
        }
        int sMax = 0;
        while (power(eta, sMax + 1) <= maxEpochs) { // in integers: log(27) / log(3) is 3.0000000000000004
            sMax++;
        }
        List<Rung> plan = new ArrayList<>();
        long first = 0;
        for (int s = sMax; s >= 0; s--) {
            long size = ceilDiv((sMax + 1) * power(eta, s), s + 1);
            for (int i = 0; i <= s && size > 0; i++) {
                int epochs = (int) Math.max(1, Math.round(maxEpochs / (double) power(eta, s - i)));
                plan.add(new Rung(s, i, size, epochs, first));
                first += size;
                size /= eta;
            }
        }
        return List.copyOf(plan);
    }

    /** How many trials the full plan has (what a run without a cap would propose). */
    public static long trialCount(int maxEpochs, int eta) {
        return rungs(maxEpochs, eta).stream().mapToLong(Rung::size).sum();
    }

    /**
     * The plan for a dry run, one bracket a line, e.g. {@code s=3: 27×1 → 9×3 → 3×9 → 1×27 epochs} (configurations ×
     * epochs per rung), then the totals of trials and epochs.
     */
    public static String plan(int maxEpochs, int eta) {
        StringJoiner lines = new StringJoiner("\n");
        StringJoiner bracket = null;
        long trials = 0;
        long epochs = 0;
        for (Rung rung : rungs(maxEpochs, eta)) {
            if (rung.rung() == 0) {
                if (bracket != null) {
                    lines.add(bracket + " epochs");
                }
                bracket = new StringJoiner(" → ", "s=" + rung.bracket() + ": ", "");
            }
            bracket.add(rung.size() + "×" + rung.epochs());
            trials += rung.size();
            epochs += rung.size() * rung.epochs();
        }
        lines.add(bracket + " epochs");
        lines.add(String.format(Locale.ROOT, "%d trials, %d epochs in all", trials, epochs));
        return lines.toString();
    }

    private static long power(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result = Math.multiplyExact(result, base);
        }
        return result;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
