package dev.neurona.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.model.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnosis reads the curves a teacher would point at, and stays quiet on a healthy run. */
class LearningCurvesTest {

    private static List<EpochRecord> history(double[] loss, double[] valLoss) {
        List<EpochRecord> out = new ArrayList<>();
        for (int i = 0; i < loss.length; i++) {
            out.add(new EpochRecord(
                    i + 1, loss[i], null, null, null, valLoss == null ? null : valLoss[i], null, null, 10, 100, 0.01));
        }
        return out;
    }

    private static List<String> kinds(List<Finding> findings) {
        return findings.stream().map(Finding::kind).toList();
    }

    @Test
    void aHealthyRunHasNoFindings() {
        assertThat(LearningCurves.diagnose(history(
                        new double[] {1.0, 0.6, 0.4, 0.3, 0.25, 0.22}, new double[] {1.1, 0.7, 0.5, 0.4, 0.36, 0.35})))
                .isEmpty();
    }

    @Test
    void validationLossRisingWhileTrainingLossFallsIsOverfittingFromTheBestEpoch() {
        List<Finding> findings = LearningCurves.diagnose(history(
                new double[] {1.0, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05}, new double[] {1.0, 0.7, 0.5, 0.55, 0.6, 0.7, 0.8}));
        assertThat(kinds(findings)).containsExactly("overfitting");
        Finding overfit = findings.get(0);
        assertThat(overfit.epoch()).isEqualTo(3);
        assertThat(overfit.value()).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(overfit.message()).contains("epoch 3").contains("0.5000").contains("0.8000");
        // the same rise with only two epochs after the best is not called yet
        assertThat(LearningCurves.diagnose(
                        history(new double[] {1.0, 0.6, 0.4, 0.3, 0.2}, new double[] {1.0, 0.7, 0.5, 0.6, 0.7})))
                .isEmpty();
    }

    @Test
    void aLossThatKeepsRisingAndFallingPointsAtTheLearningRate() {
        assertThat(kinds(LearningCurves.diagnose(history(new double[] {1.0, 0.7, 0.9, 0.6, 0.8, 0.5, 0.7}, null))))
                .containsExactly("learning_rate_too_high");
    }

    @Test
    void aLossFarAboveItsLowestIsDivergence() {
        assertThat(kinds(LearningCurves.diagnose(history(new double[] {1.0, 0.5, 2.0, 40.0}, null))))
                .containsExactly("diverging");
    }

    @Test
    void aLossThatBarelyMovesIsUnderfitting() {
        List<Finding> findings = LearningCurves.diagnose(history(new double[] {1.10, 1.08, 1.06, 1.04}, null));
        assertThat(kinds(findings)).containsExactly("underfitting");
        assertThat(findings.get(0).value()).isCloseTo(0.06 / 1.10, org.assertj.core.api.Assertions.within(1e-9));
    }
}
