package dev.neurona.tuning.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The median stopping rule of Google Vizier (Golovin et al. 2017, §3.2.2): stop a running trial at epoch t when its
 * best objective so far is strictly worse than the median, over the completed trials that reached epoch t, of their
 * running averages up to t (the mean of their first t values). The average rather than the value at t is what makes
 * the rule forgiving of a noisy curve; comparing the running trial's best is what keeps a trial that had one bad
 * epoch. It needs no parameters beyond a grace period and is, by the paper's account, a robust default.
 *
 * <p>Here it does nothing before {@code minEpochs} or with fewer than {@value #MIN_COMPLETED} completed trials that
 * reached epoch t: a median of one or two curves is mostly noise. Objectives are oriented higher-is-better; a null or
 * NaN value (a diverged epoch) counts as the worst possible.
 */
public final class MedianStopping {

    static final int MIN_COMPLETED = 3;

    private MedianStopping() {}

    /**
     * @param running the running trial's objective per epoch so far (index 0 is epoch 1)
     * @param completed the per-epoch objective curves of finished trials
     * @param minEpochs the grace period: never stop before this many epochs
     */
    public static boolean shouldStop(List<Double> running, List<List<Double>> completed, int minEpochs) {
        int t = running.size();
        if (t == 0 || t < minEpochs) {
            return false;
        }
        List<Double> averages = new ArrayList<>();
        for (List<Double> curve : completed) {
            if (curve.size() >= t) {
                double sum = 0;
                for (int i = 0; i < t; i++) {
                    sum += value(curve.get(i));
                }
                averages.add(sum / t);
            }
        }
        if (averages.size() < MIN_COMPLETED) {
            return false;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (Double value : running) {
            best = Math.max(best, value(value));
        }
        return best < median(averages);
    }

    private static double value(Double objective) {
        return objective == null || objective.isNaN() ? Double.NEGATIVE_INFINITY : objective;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
