package dev.neurona.tuning.search;

import java.util.Arrays;
import java.util.Random;

/**
 * A Parzen window density on [0, 1] for one dimension of TPE: a Gaussian kernel at each observation, truncated to the
 * interval, plus a broad prior kernel (centre 0.5, width 1) that keeps the density positive everywhere, so that
 * l(x) / g(x) is defined and regions no trial has visited stay reachable.
 *
 * <p>Bandwidths follow Hyperopt and Optuna's classic estimator rather than one global rule such as Scott's: each
 * kernel is as wide as the larger gap to its neighbours among the sorted observations and the prior (the outermost
 * ones have one neighbour; Optuna's default, which did a little better than letting the interval's ends count as
 * neighbours on TpeSearchTest's objective), clipped to [1 / min(100, m + 1), 1] for m kernels ("magic clip"). Kernels
 * are narrow where observations crowd and wide where they are sparse, which suits the few dozen points a tuning run
 * has; the lower clip keeps a cluster of equal values from collapsing into a spike.
 */
final class ParzenEstimator {

    private final double[] mus;
    private final double[] sigmas;
    private final double[] weights;
    private final double[] masses;

    private ParzenEstimator(double[] mus, double[] sigmas, double[] weights) {
        this.mus = mus;
        this.sigmas = sigmas;
        double total = Arrays.stream(weights).sum();
        this.weights = Arrays.stream(weights).map(w -> w / total).toArray();
        this.masses = new double[mus.length];
        for (int k = 0; k < mus.length; k++) {
            masses[k] = phi((1 - mus[k]) / sigmas[k]) - phi(-mus[k] / sigmas[k]);
        }
    }

    /**
     * @param observations positions on [0, 1], each weighing 1
     * @param priorWeight the weight of the prior kernel
     */
    static ParzenEstimator fit(double[] observations, double priorWeight) {
        int m = observations.length + 1;
        double[] mus = new double[m];
        double[] weights = new double[m];
        double[] sorted = observations.clone();
        Arrays.sort(sorted);
        int prior = 0;
        while (prior < sorted.length && sorted[prior] < 0.5) {
            prior++;
        }
        for (int k = 0, o = 0; k < m; k++) {
            boolean isPrior = k == prior;
            mus[k] = isPrior ? 0.5 : sorted[o++];
            weights[k] = isPrior ? priorWeight : 1;
        }
        double[] sigmas = new double[m];
        double minSigma = 1.0 / Math.min(100, m + 1);
        for (int k = 0; k < m; k++) {
            double left = k > 0 ? mus[k] - mus[k - 1] : 0;
            double right = k < m - 1 ? mus[k + 1] - mus[k] : 0;
            sigmas[k] = k == prior ? 1 : Math.max(minSigma, Math.min(1, Math.max(left, right)));
        }
        return new ParzenEstimator(mus, sigmas, weights);
    }

    double density(double x) {
        double density = 0;
        for (int k = 0; k < mus.length; k++) {
            double z = (x - mus[k]) / sigmas[k];
            density += weights[k] * Math.exp(-0.5 * z * z) / (Math.sqrt(2 * Math.PI) * sigmas[k] * masses[k]);
        }
        return density;
    }

    /** A draw from the mixture: a kernel by weight, then its truncated Gaussian by rejection. */
    double sample(Random random) {
        double pick = random.nextDouble();
        int k = 0;
        while (k < weights.length - 1 && pick >= weights[k]) {
            pick -= weights[k];
            k++;
        }
        // every centre lies in [0, 1] and no kernel is wider than 1, so at least a third of the draws land inside
        for (int attempt = 0; attempt < 1000; attempt++) {
            double x = mus[k] + sigmas[k] * random.nextGaussian();
            if (x >= 0 && x <= 1) {
                return x;
            }
        }
        return mus[k];
    }

    /** The standard normal distribution function, through erf (Abramowitz and Stegun 7.1.26, error below 2e-7). */
    private static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
