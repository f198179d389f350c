package dev.neurona.tuning.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The median stopping rule: compare the running trial's best with the median of completed running averages. */
class MedianStoppingTest {

    /** Validation accuracies per epoch of four completed trials; running averages at epoch 3: .6, .63, .7, .73. */
    static final List<List<Double>> COMPLETED = List.of(
            curve(0.5, 0.6, 0.7, 0.75, 0.8),
            curve(0.55, 0.62, 0.72, 0.78, 0.8),
            curve(0.6, 0.7, 0.8, 0.85, 0.86),
            curve(0.65, 0.73, 0.81, 0.84, 0.85));

    @Test
    void stopsAClearlyBadCurveAndKeepsAGoodOne() {
        assertThat(MedianStopping.shouldStop(curve(0.1, 0.15, 0.2), COMPLETED, 2))
                .isTrue();
        assertThat(MedianStopping.shouldStop(curve(0.6, 0.7, 0.72), COMPLETED, 2))
                .isFalse();
    }

    @Test
    void comparesTheBestSoFarWithTheMedianOfRunningAverages() {
        // median of the averages at epoch 3 is (0.63 + 0.7) / 2 = 0.665
        assertThat(MedianStopping.shouldStop(curve(0.3, 0.5, 0.66), COMPLETED, 1))
                .isTrue();
        assertThat(MedianStopping.shouldStop(curve(0.3, 0.5, 0.67), COMPLETED, 1))
                .isFalse();
        // one good epoch is enough: the best so far counts, not the last
        assertThat(MedianStopping.shouldStop(curve(0.3, 0.68, 0.2), COMPLETED, 1))
                .isFalse();
        // the running average, not the value at t: these three end at 0.9 but average 0.5 over two epochs
        List<List<Double>> fastRisers = List.of(curve(0.1, 0.9), curve(0.1, 0.9), curve(0.1, 0.9));
        assertThat(MedianStopping.shouldStop(curve(0.5, 0.6), fastRisers, 1)).isFalse();
        assertThat(MedianStopping.shouldStop(curve(0.4, 0.45), fastRisers, 1)).isTrue();
        // equal to the median is not strictly worse
        assertThat(MedianStopping.shouldStop(curve(0.4, 0.5), fastRisers, 1)).isFalse();
    }

    @Test
    void doesNothingBeforeMinEpochsOrWithFewerThanThreeComparableTrials() {
        assertThat(MedianStopping.shouldStop(curve(0.1, 0.15, 0.2), COMPLETED, 4))
                .isFalse();
        assertThat(MedianStopping.shouldStop(curve(0.1, 0.15, 0.2), COMPLETED.subList(0, 2), 2))
                .isFalse();
        assertThat(MedianStopping.shouldStop(curve(), COMPLETED, 0)).isFalse();
        // completed trials that stopped before epoch t do not count: here only two reached epoch 3
        List<List<Double>> short2 = List.of(COMPLETED.get(0), COMPLETED.get(1), curve(0.9, 0.9), curve(0.95));
        assertThat(MedianStopping.shouldStop(curve(0.1, 0.15, 0.2), short2, 2)).isFalse();
        assertThat(MedianStopping.shouldStop(curve(0.1, 0.15), short2, 2)).isTrue();
    }

    @Test
    void aDivergedEpochCountsAsTheWorst() {
        assertThat(MedianStopping.shouldStop(curve(Double.NaN, Double.NaN), COMPLETED, 1))
                .isTrue();
        assertThat(MedianStopping.shouldStop(Arrays.asList(null, 0.9), COMPLETED, 1))
                .isFalse();
    }

    private static List<Double> curve(Double... values) {
        return Arrays.asList(values);
    }
}
