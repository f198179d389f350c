package dev.neurona.training;

import dev.neurona.model.Metrics.AverageScores;
import dev.neurona.model.Metrics.ClassScores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Classification metrics with scikit-learn's meaning, so a course's notebook and Neurona agree to the last digit:
 * {@code classification_report(y_true, y_pred, labels=range(k), zero_division=0)}, {@code top_k_accuracy_score}
 * and {@code roc_auc_score}. Every class of the model is reported, also one absent from the test rows.
 */
final class ClassificationReport {

    private ClassificationReport() {}

    /** Counts, rows = true class, columns = predicted class. */
    static int[][] confusion(int[] truth, int[] predicted, int classes) {
        int[][] matrix = new int[classes][classes];
        for (int r = 0; r < truth.length; r++) {
            matrix[truth[r]][predicted[r]]++;
        }
        return matrix;
    }

    static List<ClassScores> perClass(int[][] confusion, List<String> classes) {
        int k = confusion.length;
        List<ClassScores> scores = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int support = Arrays.stream(confusion[c]).sum();
            int predicted = 0;
            for (int[] row : confusion) {
                predicted += row[c];
            }
            int fp = predicted - tp;
            int fn = support - tp;
            // zero_division=0: a class never predicted has precision 0, one without rows recall 0. F1 as
            // 2·TP/(2·TP+FP+FN) equals 2PR/(P+R) whenever that is defined, and is 0 where scikit-learn makes it 0.
            scores.add(new ClassScores(
                    classes.get(c),
                    ratio(tp, predicted),
                    ratio(tp, support),
                    ratio(2.0 * tp, 2.0 * tp + fp + fn),
                    support));
        }
        return scores;
    }

    static AverageScores macro(List<ClassScores> scores) {
        int n = scores.size();
        return new AverageScores(
                scores.stream().mapToDouble(ClassScores::precision).sum() / n,
                scores.stream().mapToDouble(ClassScores::recall).sum() / n,
                scores.stream().mapToDouble(ClassScores::f1).sum() / n,
                scores.stream().mapToInt(ClassScores::support).sum());
    }

    static AverageScores weighted(List<ClassScores> scores) {
        int total = scores.stream().mapToInt(ClassScores::support).sum();
        double p = 0;
        double r = 0;
        double f = 0;
        for (ClassScores s : scores) {
            p += s.precision() * s.support();
            r += s.recall() * s.support();
            f += s.f1() * s.support();
        }
        return total == 0 ? new AverageScores(0, 0, 0, 0) : new AverageScores(p / total, r / total, f / total, total);
    }

    /**
     * Fraction of rows whose true class is among the k highest scores (rows × classes, row-major). Ties rank the
     * lower class index first, as argmax does, so top-1 accuracy equals accuracy. Null when k is not below the
     * number of classes: then every row would count.
     */
    static Double topK(float[] scores, int classes, int[] truth, int k) {
        if (k >= classes) {
            return null;
        }
        int hits = 0;
        for (int r = 0; r < truth.length; r++) {
            int t = truth[r];
            float own = scores[r * classes + t];
            int above = 0;
            for (int c = 0; c < classes; c++) {
                float s = scores[r * classes + c];
                if (s > own || (s == own && c < t)) {
                    above++;
                }
            }
            hits += above < k ? 1 : 0;
        }
        return (double) hits / truth.length;
    }

    /**
     * Area under the ROC curve by the trapezoidal rule, one ROC point per distinct score (so tied rows form one
     * diagonal step, as in scikit-learn's roc_curve). Equals the probability that a random positive row scores
     * above a random negative one, ties counting half. Null when the rows hold only one of the two classes.
     *
     * @param positive whether each row is of the positive class
     */
    static Double rocAuc(boolean[] positive, double[] score) {
        int n = positive.length;
        long positives = IntStream.range(0, n).filter(i -> positive[i]).count();
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        double area = 0;
        long tp = 0;
        int i = 0;
        while (i < n) {
            long groupTp = 0;
            long groupFp = 0;
            double s = score[order[i]];
            for (; i < n && Double.compare(score[order[i]], s) == 0; i++) {
                if (positive[order[i]]) {
                    groupTp++;
                } else {
                    groupFp++;
                }
            }
            area += groupFp * (tp + groupTp / 2.0);
            tp += groupTp;
        }
        return area / ((double) positives * negatives);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
