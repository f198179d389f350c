package dev.neurona.tuning.search;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tree-structured Parzen Estimator (Bergstra et al., NeurIPS 2011), the default of Hyperopt and Optuna. Instead of
 * modelling the objective, it splits the finished trials into the best {@value #GAMMA_PERCENT}% ("good", at least
 * one) and the rest ("bad"), fits a density to each — l(x) to the good, g(x) to the bad — and proposes, among
 * {@value #CANDIDATES} draws from l, the one where l(x) / g(x) is largest: values that are common among good trials
 * and rare among bad ones. Each dimension is modelled independently (Hyperopt's and Optuna's default): numeric ones
 * with a {@link ParzenEstimator} on the unit interval of {@link Sampling} (so log dimensions are modelled in log
 * space, and ints and stepped floats snap after the choice), choices with counts smoothed by a prior of weight
 * {@value #PRIOR_WEIGHT} spread evenly over the values.
 *
 * <p>Start-up: before a model is worth anything the trials are random, exactly RandomSearch's trials for the same
 * indices. By default a quarter of the run, at least 5 and at most 10 ({@link #defaultStartupTrials}): 5 so that the
 * 25% split has a good trial and a few bad ones to contrast, 10 as Optuna's default. On the synthetic objective of
 * TpeSearchTest over 100 seeds, 10 start-up trials beat 5 and 15 in a 40-trial run, and 20 did no better than 10 in
 * an 80-trial run; a run that long has enough random trials among its bad ones anyway.
 *
 * <p>Trials still running are left out, as if absent, so parallel workers get proposals at once; so are finished
 * trials without an objective (failed ones). Ties in the objective go to the earlier trial, so the split, and with
 * the per-index seed the proposal, are functions of the trial list.
 */
final class TpeSearch implements SearchStrategy {

    static final int GAMMA_PERCENT = 25;
    static final int CANDIDATES = 24;
    static final double PRIOR_WEIGHT = 1.0;

    private static final Comparator<Trial> BEST_FIRST = Comparator.comparingDouble((Trial trial) -> trial.objective())
            .reversed()
            .thenComparingInt(Trial::index);

    private final List<Dimension> dims;
    private final int epochs;
    private final int maxTrials;
    private final long seed;
    private final int startupTrials;

    TpeSearch(List<Dimension> dims, int epochs, int maxTrials, long seed) {
        this(dims, epochs, maxTrials, seed, defaultStartupTrials(maxTrials));
    }

    TpeSearch(List<Dimension> dims, int epochs, int maxTrials, long seed, int startupTrials) {
        Sampling.checkAll(dims);
        if (epochs < 1 || maxTrials < 0 || startupTrials < 0) {
            throw new IllegalArgumentException("epochs must be at least 1, maxTrials and startupTrials not negative");
        }
        this.dims = List.copyOf(dims);
        this.epochs = epochs;
        this.maxTrials = maxTrials;
        this.seed = seed;
        this.startupTrials = startupTrials;
    }

    static int defaultStartupTrials(int maxTrials) {
        return Math.max(5, Math.min(maxTrials / 4, 10));
    }

    @Override
    public Step next(List<Trial> trials) {
        int index = trials.size();
        if (index >= maxTrials) {
            return new Done();
        }
        List<Trial> observed = trials.stream()
                .filter(trial -> trial.finished() && trial.objective() != null && Double.isFinite(trial.objective()))
                .sorted(BEST_FIRST)
                .toList();
        if (index < startupTrials || observed.isEmpty()) {
            return new Propose(index, RandomSearch.draw(dims, seed, index), epochs);
        }
        int good = (int) Math.ceil(observed.size() * GAMMA_PERCENT / 100.0);
        List<Trial> below = observed.subList(0, good);
        List<Trial> above = observed.subList(good, observed.size());
        Random random = new Random(Sampling.mix(seed, index));
        Map<String, Object> params = new LinkedHashMap<>();
        for (Dimension dim : dims) {
            Object value = dim.kind() == Dimension.Kind.CHOICE
                    ? suggestChoice(dim, below, above, random)
                    : suggestNumber(dim, below, above, random);
            params.put(dim.path(), value);
        }
        return new Propose(index, Collections.unmodifiableMap(params), epochs);
    }

    private static Object suggestNumber(Dimension dim, List<Trial> below, List<Trial> above, Random random) {
        ParzenEstimator l = ParzenEstimator.fit(positions(dim, below), PRIOR_WEIGHT);
        ParzenEstimator g = ParzenEstimator.fit(positions(dim, above), PRIOR_WEIGHT);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            double x = l.sample(random);
            double score = Math.log(l.density(x)) - Math.log(g.density(x));
            if (score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return Sampling.fromUnit(dim, best);
    }

    /** The trials' values of this dimension on the unit interval; a trial without a usable number is left out. */
    private static double[] positions(Dimension dim, List<Trial> trials) {
        return trials.stream()
                .map(trial -> trial.params().get(dim.path()))
                .filter(Number.class::isInstance)
                .mapToDouble(value -> Sampling.toUnit(dim, (Number) value))
                .filter(Double::isFinite) // a value the log scale cannot place (≤ 0) tells nothing
                .toArray();
    }

    private static Object suggestChoice(Dimension dim, List<Trial> below, List<Trial> above, Random random) {
        double[] l = smoothedShares(dim, below);
        double[] g = smoothedShares(dim, above);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            int k = pick(l, random.nextDouble());
            double score = Math.log(l[k]) - Math.log(g[k]);
            if (score > bestScore) {
                best = k;
                bestScore = score;
            }
        }
        return dim.values().get(best);
    }

    private static double[] smoothedShares(Dimension dim, List<Trial> trials) {
        int k = dim.values().size();
        double[] shares = new double[k];
        double total = PRIOR_WEIGHT;
        Arrays.fill(shares, PRIOR_WEIGHT / k);
        for (Trial trial : trials) {
            int at = Sampling.choiceIndex(dim, trial.params().get(dim.path()));
            if (at >= 0) {
                shares[at]++;
                total++;
            }
        }
        for (int i = 0; i < k; i++) {
            shares[i] /= total;
        }
        return shares;
    }

    private static int pick(double[] shares, double u) {
        int k = 0;
        while (k < shares.length - 1 && u >= shares[k]) {
            u -= shares[k];
            k++;
        }
        return k;
    }
}
