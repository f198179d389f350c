package dev.neurona.tuning.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The kernel density TPE compares: a proper density on [0, 1], peaked where observations crowd, never zero. */
class ParzenEstimatorTest {

    @Test
    void isADensityOnTheUnitInterval() {
        for (double[] observations : new double[][] {{}, {0.1, 0.12, 0.8}, {0.0, 1.0}, {0.5, 0.5, 0.5, 0.51}}) {
            ParzenEstimator density = ParzenEstimator.fit(observations, 1.0);
            assertThat(integral(density)).as(Arrays.toString(observations)).isCloseTo(1.0, within(1e-3));
            assertThat(density.density(0.999)).isPositive();
        }
    }

    @Test
    void peaksWhereTheObservationsCrowdAndSamplesStayInside() {
        ParzenEstimator density = ParzenEstimator.fit(new double[] {0.1, 0.12, 0.14, 0.8}, 1.0);
        assertThat(density.density(0.12)).isGreaterThan(2 * density.density(0.8));
        assertThat(density.density(0.12)).isGreaterThan(2 * density.density(0.5));
        Random random = new Random(3);
        int nearCluster = 0;
        for (int i = 0; i < 10_000; i++) {
            double x = density.sample(random);
            assertThat(x).isBetween(0.0, 1.0);
            nearCluster += x < 0.2 ? 1 : 0;
        }
        // the mixture's mass below 0.2, from its kernels (centre, width): (0.1, 1/6), (0.12, 1/6), (0.14, 0.36), the
        // prior (0.5, 1) and (0.8, 0.3), each weighing 1/5, truncated to [0, 1] — worked out separately
        assertThat(nearCluster / 10_000.0).isCloseTo(0.353, within(0.015));
    }

    @Test
    void equalObservationsDoNotCollapseIntoASpike() {
        // 50 equal values: the gaps are 0, so the clip holds 49 kernels at 1 / min(100, 51 + 1) wide (the last one
        // reaches to the prior's centre at 0.5); each weighs 1 / 51 with the prior
        double[] same = new double[50];
        Arrays.fill(same, 0.3);
        double peak = ParzenEstimator.fit(same, 1.0).density(0.3);
        assertThat(peak).isCloseTo(49 / 51.0 * 52 / Math.sqrt(2 * Math.PI), within(0.1));
    }

    private static double integral(ParzenEstimator density) {
        int n = 20_000;
        double sum = (density.density(0) + density.density(1)) / 2;
        for (int i = 1; i < n; i++) {
            sum += density.density(i / (double) n);
        }
        return sum / n;
    }
}
