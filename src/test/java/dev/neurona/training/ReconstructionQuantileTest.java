package dev.neurona.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The anomaly threshold's quantile is numpy's default (linear between the nearest ranks), computed by hand here. */
class ReconstructionQuantileTest {

    @Test
    void quantilesInterpolateBetweenRanksAsNumpyDoes() {
        float[] sorted = {1f, 2f, 3f, 4f};
        // np.quantile([1, 2, 3, 4], q): position q·(n − 1) = 3q between ranks
        assertThat(ReconstructionReport.quantile(sorted, 0.99)).isCloseTo(1 + 0.99 * 3, within(1e-6));
        assertThat(ReconstructionReport.quantile(sorted, 0.5)).isCloseTo(2.5, within(1e-9));
        assertThat(ReconstructionReport.quantile(sorted, 0.0)).isEqualTo(1.0);
        assertThat(ReconstructionReport.quantile(sorted, 1.0)).isEqualTo(4.0);
        assertThat(ReconstructionReport.quantile(new float[] {0.25f}, 0.99)).isEqualTo(0.25);
    }

    @Test
    void theChartPicksTheFirstImageOfEachClassThenTheNextOnes() {
        float[] labels = {1, 1, 0, 1, 0, 2};
        assertThat(ReconstructionChart.pick(labels, labels.length)).containsExactly(0, 2, 5, 1, 3, 4);
    }
}
