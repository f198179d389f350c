package dev.neurona.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.model.Metrics;
import dev.neurona.model.TestPredictions;
import dev.neurona.spec.OutputHead;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Test metrics from raw network outputs, for each output head. */
class TestMetricsTest {

    /**
     * Softmax logits for 6 classes (so top-3 and top-5 apply), four rows. Predictions (argmax): 0, 1, 3, 5; truths
     * 0, 2, 3, 4. Accuracy 2/4. Row 1's true class 2 ranks second, row 3's true class 4 ranks sixth: top-3 = 3/4,
     * top-5 = 3/4.
     */
    @Test
    void softmaxOutputsGiveTheFullReport() {
        float[] logits = {
            5, 0, 0, 0, 0, 0,
            0, 3, 2, 1, 0, -1,
            0, 0, 0, 9, 0, 0,
            1, 1, 1, 1, -5, 2
        };
        List<String> classes = List.of("a", "b", "c", "d", "e", "f");
        Metrics m = TestMetrics.classification(
                new TrainingLoop.Evaluation(logits, 6, 0.25), new int[] {0, 2, 3, 4}, OutputHead.SOFTMAX, classes);
        assertThat(m.testRows()).isEqualTo(4);
        assertThat(m.loss()).isEqualTo(0.25);
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.top3Accuracy()).isEqualTo(0.75);
        assertThat(m.top5Accuracy()).isEqualTo(0.75);
        assertThat(m.rocAuc()).as("more than two classes").isNull();
        assertThat(m.confusionMatrix().get(2)).containsExactly(0, 1, 0, 0, 0, 0);
        assertThat(m.confusionMatrix().get(4)).containsExactly(0, 0, 0, 0, 0, 1);
        assertThat(m.perClass()).hasSize(6);
        assertThat(m.perClass().get(1).label()).isEqualTo("b");
        assertThat(m.perClass().get(1).precision())
                .as("b predicted once, wrongly")
                .isZero();
        assertThat(m.perClass().get(3).f1()).isEqualTo(1.0);
        // macro over 6 classes: only a and d are right (F1 1 each) → 2/6; weighted by support (1, 0, 1, 1, 1, 0)
        assertThat(m.macroAvg().f1()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(m.weightedAvg().f1()).isCloseTo(2.0 / 4, within(1e-12));
        assertThat(m.weightedAvg().recall()).isEqualTo(m.accuracy());
        assertThat(m.mse()).isNull();
        assertThat(m.rmse()).isNull();
    }

    @Test
    void fewClassesHaveNoTopK() {
        Metrics m = TestMetrics.classification(
                new TrainingLoop.Evaluation(new float[] {1, 0, 0, 0, 1, 0}, 3, 0.1),
                new int[] {0, 1},
                OutputHead.SOFTMAX,
                List.of("a", "b", "c"));
        assertThat(m.accuracy()).isEqualTo(1.0);
        assertThat(m.top3Accuracy()).isNull();
        assertThat(m.top5Accuracy()).isNull();
    }

    /**
     * A sigmoid head: one logit per row, the probability of the second class. Logits −2, 0.5, 1, 3 for truths 0, 0,
     * 1, 1: predicted 0, 1, 1, 1 (logit above 0). ROC-AUC: every positive scores above every negative → 1.0, though
     * one row is misclassified at the 0.5 threshold.
     */
    @Test
    void sigmoidHeadGivesRocAucFromTheLogit() {
        TrainingLoop.Evaluation e = new TrainingLoop.Evaluation(new float[] {-2, 0.5f, 1, 3}, 1, 0.3);
        Metrics m = TestMetrics.classification(e, new int[] {0, 0, 1, 1}, OutputHead.SIGMOID, List.of("no", "yes"));
        assertThat(m.accuracy()).isEqualTo(0.75);
        assertThat(m.rocAuc()).isEqualTo(1.0);
        assertThat(m.confusionMatrix()).containsExactly(List.of(1, 1), List.of(0, 2));
        assertThat(m.top3Accuracy()).isNull();
        float[] p = TestMetrics.probabilities(e, OutputHead.SIGMOID, 2);
        assertThat(p[1]).isCloseTo((float) (1 / (1 + Math.exp(2))), within(1e-7f));
        assertThat(p[0] + p[1]).isCloseTo(1f, within(1e-6f));
    }

    /**
     * Two softmax logits: the positive score is z₁ − z₀, which ranks rows like the probability softmax(z)₁. Here
     * the negatives score −1 and 55 (a confident mistake), the positives 60 and 70: every positive is above every
     * negative, ROC-AUC 1.0. Their probabilities 1/(1 + e^−55), 1/(1 + e^−60), 1/(1 + e^−70) all round to exactly
     * 1.0 even in double, which would tie the mistake with both positives and give (2 + ½ + ½)/4 = 0.75.
     */
    @Test
    void twoSoftmaxClassesRankByLogOdds() {
        float[] logits = {
            0, -1,
            0, 55,
            -10, 50,
            -20, 50
        };
        Metrics m = TestMetrics.classification(
                new TrainingLoop.Evaluation(logits, 2, 1.0),
                new int[] {0, 0, 1, 1},
                OutputHead.SOFTMAX,
                List.of("neg", "pos"));
        assertThat(1 / (1 + Math.exp(-55))).isEqualTo(1.0);
        assertThat(m.rocAuc()).isEqualTo(1.0);
        assertThat(m.accuracy()).isEqualTo(0.75);
    }

    @Test
    void softmaxProbabilitiesSumToOne() {
        float[] p = TestMetrics.probabilities(
                new TrainingLoop.Evaluation(new float[] {1, 2, 3, 1000, 0, -1000}, 3, 0), OutputHead.SOFTMAX, 3);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, within(1e-6f));
        assertThat(p[2]).isCloseTo((float) (Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3))), within(1e-6f));
        assertThat(p[3]).as("no overflow for huge logits").isEqualTo(1f);
        assertThat(p[5]).isZero();
    }

    @Test
    void predictionsKeepTheDatasetRowOfEveryTestRow() {
        TrainingLoop.Evaluation e = new TrainingLoop.Evaluation(new float[] {2, 0, 0, 2, 2, 0}, 2, 0.1);
        TestPredictions p =
                TestMetrics.predictions(e, new float[] {0, 1, 1}, new int[] {17, 3, 42}, OutputHead.SOFTMAX, 2);
        assertThat(p.rows()).containsExactly(17, 3, 42);
        assertThat(p.truth()).containsExactly(0, 1, 1);
        assertThat(p.predicted()).containsExactly(0, 1, 0);
        assertThat(p.cell(1, 0)).containsExactly(2);
        assertThat(p.probability(2, 0)).isCloseTo((float) (1 / (1 + Math.exp(-2))), within(1e-6f));
    }

    /**
     * Regression in the target's units: the encoding standardised the target with mean 10 and std 2, so outputs
     * 0, 1, −0.5 mean 10, 12, 9 against truths 11, 12, 7 (standardised 0.5, 1, −1.5). Errors −1, 0, 2: MSE 5/3,
     * RMSE √(5/3), MAE 1; the truths' mean is 10, SStot = 1 + 4 + 9 = 14, SSres = 5 → R² = 1 − 5/14.
     */
    @Test
    void regressionInTheTargetsUnits() {
        TabularEncoding encoding = new TabularEncoding(List.of(), "y", Task.REGRESSION, List.of(), 10.0, 2.0, false);
        Metrics m = TestMetrics.of(
                new TrainingLoop.Evaluation(new float[] {0, 1, -0.5f}, 1, 0.4),
                new float[] {0.5f, 1, -1.5f},
                OutputHead.IDENTITY,
                encoding);
        assertThat(m.testRows()).isEqualTo(3);
        assertThat(m.mse()).isCloseTo(5.0 / 3, within(1e-9));
        assertThat(m.rmse()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-9));
        assertThat(m.mae()).isCloseTo(1.0, within(1e-9));
        assertThat(m.r2()).isCloseTo(1 - 5.0 / 14, within(1e-9));
        assertThat(m.accuracy()).isNull();
        assertThat(m.perClass()).isNull();
        assertThat(m.confusionMatrix()).isNull();
    }

    @Test
    void aConstantTargetHasNoR2() {
        TabularEncoding encoding = new TabularEncoding(List.of(), "y", Task.REGRESSION, List.of(), 0.0, 1.0, false);
        Metrics m = TestMetrics.of(
                new TrainingLoop.Evaluation(new float[] {1, 2}, 1, 0.4),
                new float[] {3, 3},
                OutputHead.IDENTITY,
                encoding);
        assertThat(m.r2()).isNull();
        assertThat(m.mse()).isCloseTo(2.5, within(1e-9));
    }
}
