package dev.neurona.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.model.Metrics.AverageScores;
import dev.neurona.model.Metrics.ClassScores;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The metric maths against hand-worked cases and what scikit-learn prints for them. */
class ClassificationReportTest {

    private static final Offset<Double> EPS = within(1e-9);

    /**
     * y_true = [0, 1, 2, 2, 2], y_pred = [0, 0, 2, 2, 1]. By hand, per class (TP, FP, FN):
     * 0: (1, 1, 0) → P = 1/2, R = 1, F1 = 2/3; 1: (0, 1, 1) → 0, 0, 0; 2: (2, 0, 1) → P = 1, R = 2/3, F1 = 4/5.
     * Macro: P = 1.5/3 = 0.5, R = (5/3)/3 = 0.5556, F1 = (2/3 + 4/5)/3 = 0.4889.
     * Weighted by support (1, 1, 3): P = (0.5 + 3)/5 = 0.7, R = 3/5 = 0.6 (always the accuracy),
     * F1 = (2/3 + 3·0.8)/5 = 0.6133. scikit-learn's classification_report prints the same figures:
     * 0.50 1.00 0.67 1 / 0.00 0.00 0.00 1 / 1.00 0.67 0.80 3 / macro 0.50 0.56 0.49 5 / weighted 0.70 0.60 0.61 5.
     */
    @Test
    void matchesScikitLearnsClassificationReport() {
        int[][] confusion = ClassificationReport.confusion(new int[] {0, 1, 2, 2, 2}, new int[] {0, 0, 2, 2, 1}, 3);
        assertThat(confusion).isDeepEqualTo(new int[][] {{1, 0, 0}, {1, 0, 0}, {0, 1, 2}});
        List<ClassScores> perClass = ClassificationReport.perClass(confusion, List.of("a", "b", "c"));

        assertScores(perClass.get(0), "a", 0.5, 1.0, 2.0 / 3, 1);
        assertScores(perClass.get(1), "b", 0.0, 0.0, 0.0, 1);
        assertScores(perClass.get(2), "c", 1.0, 2.0 / 3, 0.8, 3);
        assertAverage(ClassificationReport.macro(perClass), 0.5, 5.0 / 9, (2.0 / 3 + 0.8) / 3, 5);
        assertAverage(ClassificationReport.weighted(perClass), 0.7, 0.6, (2.0 / 3 + 2.4) / 5, 5);
        assertThat(ClassificationReport.macro(perClass).f1()).isCloseTo(0.489, within(5e-4));
        assertThat(ClassificationReport.weighted(perClass).f1()).isCloseTo(0.613, within(5e-4));
    }

    /**
     * zero_division=0: y_true = [0, 0, 1, 1], y_pred = [0, 0, 0, 0] with classes 0, 1, 2. Class 1 is never
     * predicted (precision 0/0 → 0), class 2 neither occurs nor is predicted (all 0, support 0) and still counts in
     * the macro average, as with labels=[0, 1, 2]. Class 0: TP 2, FP 2 → P = 0.5, R = 1, F1 = 4/6.
     * Macro: P = 0.5/3, R = 1/3, F1 = (2/3)/3; weighted (2, 2, 0): P = 0.25, R = 0.5, F1 = 1/3.
     */
    @Test
    void classesNeverPredictedOrAbsentScoreZero() {
        int[][] confusion = ClassificationReport.confusion(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 0}, 3);
        List<ClassScores> perClass = ClassificationReport.perClass(confusion, List.of("x", "y", "z"));
        assertScores(perClass.get(0), "x", 0.5, 1.0, 2.0 / 3, 2);
        assertScores(perClass.get(1), "y", 0.0, 0.0, 0.0, 2);
        assertScores(perClass.get(2), "z", 0.0, 0.0, 0.0, 0);
        assertAverage(ClassificationReport.macro(perClass), 0.5 / 3, 1.0 / 3, 2.0 / 9, 4);
        assertAverage(ClassificationReport.weighted(perClass), 0.25, 0.5, 1.0 / 3, 4);
    }

    @Test
    void perfectPredictionsScoreOne() {
        List<ClassScores> perClass = ClassificationReport.perClass(
                ClassificationReport.confusion(new int[] {0, 1, 1}, new int[] {0, 1, 1}, 2), List.of("n", "p"));
        assertScores(perClass.get(1), "p", 1, 1, 1, 2);
        assertAverage(ClassificationReport.weighted(perClass), 1, 1, 1, 3);
    }

    /** scikit-learn's roc_auc_score documentation example: y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8] → 0.75. */
    @Test
    void rocAucWithoutTies() {
        assertThat(ClassificationReport.rocAuc(
                        new boolean[] {false, false, true, true}, new double[] {0.1, 0.4, 0.35, 0.8}))
                .isCloseTo(0.75, EPS);
        assertThat(ClassificationReport.rocAuc(new boolean[] {false, true}, new double[] {0.2, 0.9}))
                .isCloseTo(1.0, EPS);
        assertThat(ClassificationReport.rocAuc(new boolean[] {true, false}, new double[] {0.2, 0.9}))
                .isCloseTo(0.0, EPS);
    }

    /**
     * Ties: y = [0, 1, 0, 1], scores [0.5, 0.5, 0.2, 0.9]. The ROC curve goes (0, 0) → (0, ½) at 0.9 → (½, 1) at the
     * tied 0.5 (one positive and one negative at once, a diagonal step) → (1, 1); trapezoids: ½·(½ + 1)/2 + ½·1 =
     * 0.875, which is also the share of (positive, negative) pairs ordered right with the tie counted half:
     * (1 + 1 + 1 + ½)/4. All scores equal gives the diagonal, 0.5.
     */
    @Test
    void rocAucCountsTiesHalfLikeTheTrapezoidalRule() {
        assertThat(ClassificationReport.rocAuc(
                        new boolean[] {false, true, false, true}, new double[] {0.5, 0.5, 0.2, 0.9}))
                .isCloseTo(0.875, EPS);
        assertThat(ClassificationReport.rocAuc(
                        new boolean[] {false, true, true, false, true}, new double[] {0.3, 0.3, 0.3, 0.3, 0.3}))
                .isCloseTo(0.5, EPS);
    }

    @Test
    void rocAucIsUndefinedForOneClass() {
        assertThat(ClassificationReport.rocAuc(new boolean[] {true, true}, new double[] {0.1, 0.9}))
                .isNull();
        assertThat(ClassificationReport.rocAuc(new boolean[] {false}, new double[] {0.1}))
                .isNull();
    }

    /**
     * Four classes, three rows. Row 0: true class 3 ranks fourth → a miss even for k = 3. Row 1: true class 2 ranks
     * second → a hit from k = 2. Row 2: true class 1 ties with class 0 for the top score; the lower index ranks
     * first (as argmax picks class 0), so 1 is second → a hit from k = 2. Top-1 = 0, top-2 = top-3 = 2/3; k at or
     * above the number of classes is undefined (every row would count).
     */
    @Test
    void topKAccuracy() {
        float[] scores = {
            4, 3, 2, 1,
            0, 6, 5, -2,
            7, 7, 0, 0
        };
        int[] truth = {3, 2, 1};
        assertThat(ClassificationReport.topK(scores, 4, truth, 3)).isCloseTo(2.0 / 3, EPS);
        assertThat(ClassificationReport.topK(scores, 4, truth, 1)).isCloseTo(0.0, EPS);
        assertThat(ClassificationReport.topK(scores, 4, truth, 2)).isCloseTo(2.0 / 3, EPS);
        assertThat(ClassificationReport.topK(scores, 4, truth, 4)).isNull();
        assertThat(ClassificationReport.topK(scores, 4, truth, 5)).isNull();
    }

    private static void assertScores(
            ClassScores s, String label, double precision, double recall, double f1, int support) {
        assertThat(s.label()).isEqualTo(label);
        assertThat(s.precision()).as("precision of %s", label).isCloseTo(precision, EPS);
        assertThat(s.recall()).as("recall of %s", label).isCloseTo(recall, EPS);
        assertThat(s.f1()).as("f1 of %s", label).isCloseTo(f1, EPS);
        assertThat(s.support()).as("support of %s", label).isEqualTo(support);
    }

    private static void assertAverage(AverageScores a, double precision, double recall, double f1, int support) {
        assertThat(a.precision()).as("precision").isCloseTo(precision, EPS);
        assertThat(a.recall()).as("recall").isCloseTo(recall, EPS);
        assertThat(a.f1()).as("f1").isCloseTo(f1, EPS);
        assertThat(a.support()).as("support").isEqualTo(support);
    }
}
