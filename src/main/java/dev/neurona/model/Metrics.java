package dev.neurona.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Test-split metrics of a trained model. Classification: accuracy, top-k accuracy, scikit-learn's
 * classification_report (per class and averaged), confusion matrix, ROC-AUC for two classes. Regression: MSE, RMSE,
 * MAE and R² in the target's own units. Fields of the other task are null; so are fields added after a model was
 * stored (models keep the metrics they were trained with).
 */
@Schema(description = "Metrics on the test split; fields that do not apply to the model's task are null")
public record Metrics(
        @Schema(description = "rows in the test split", example = "30") int testRows,
        @Schema(
                        description = "mean loss on the test rows (on the standardised target for regression)",
                        example = "0.1147")
                Double loss,
        @Schema(
                        description = "classification: fraction of test rows whose most probable class is the true one",
                        example = "0.9")
                Double accuracy,
        @Schema(
                        description =
                                "classification with more than 3 classes: fraction of test rows whose true class is "
                                        + "among the 3 most probable",
                        example = "0.98")
                Double top3Accuracy,
        @Schema(
                        description = "classification with more than 5 classes: the same among the 5 most probable",
                        example = "0.995")
                Double top5Accuracy,
        @Schema(
                        description = "two classes: area under the ROC curve of the second class's probability (the "
                                + "positive class), ties counted half as scikit-learn's roc_auc_score does; null for more classes "
                                + "or when the test rows hold one class only",
                        example = "0.97")
                Double rocAuc,
        @Schema(
                        description =
                                "classification: precision, recall, F1 and support of every class, in class order "
                                        + "(scikit-learn's classification_report with zero_division=0)")
                List<ClassScores> perClass,
        @Schema(description = "classification: unweighted mean over the classes") AverageScores macroAvg,
        @Schema(description = "classification: mean over the classes weighted by support") AverageScores weightedAvg,
        @Schema(
                        description =
                                "classification: counts, rows = true class, columns = predicted class, both in the "
                                        + "model's class order",
                        example = "[[10, 0, 0], [0, 8, 2], [0, 1, 9]]")
                List<List<Integer>> confusionMatrix,
        @Schema(description = "regression: mean squared error in the target's units", example = "0.0934") Double mse,
        @Schema(description = "regression: root mean squared error in the target's units", example = "0.3056")
                Double rmse,
        @Schema(description = "regression: mean absolute error in the target's units", example = "0.2417") Double mae,
        @Schema(
                        description = "regression: coefficient of determination, 1 − SSres/SStot; null when the test "
                                + "targets are all equal",
                        example = "0.9874")
                Double r2,
        @JsonInclude(JsonInclude.Include.NON_NULL)
                @Schema(
                        description = "task reconstruction (an autoencoder): the errors per row, the anomaly threshold "
                                + "and a baseline; mse, rmse and mae above are then over every value the network sees "
                                + "(pixels in [0, 1], or standardised table features)")
                Reconstruction reconstruction,
        @JsonInclude(JsonInclude.Include.NON_NULL)
                @Schema(
                        description =
                                "physics-informed models: the largest absolute error over the evaluation grid (the "
                                        + "dataset's rows) in the target's units; null for other models",
                        example = "0.021")
                Double maxAbsError) {

    public Metrics(
            int testRows,
            Double loss,
            Double accuracy,
            Double top3Accuracy,
            Double top5Accuracy,
            Double rocAuc,
            List<ClassScores> perClass,
            AverageScores macroAvg,
            AverageScores weightedAvg,
            List<List<Integer>> confusionMatrix,
            Double mse,
            Double rmse,
            Double mae,
            Double r2) {
        this(
                testRows,
                loss,
                accuracy,
                top3Accuracy,
                top5Accuracy,
                rocAuc,
                perClass,
                macroAvg,
                weightedAvg,
                confusionMatrix,
                mse,
                rmse,
                mae,
                r2,
                null,
                null);
    }

    /** A model without test rows. */
    public static Metrics none() {
        return new Metrics(0, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Metrics classification(
            int testRows,
            double loss,
            double accuracy,
            Double top3Accuracy,
            Double top5Accuracy,
            Double rocAuc,
            List<ClassScores> perClass,
            AverageScores macroAvg,
            AverageScores weightedAvg,
            List<List<Integer>> confusionMatrix) {
        return new Metrics(
                testRows,
                loss,
                accuracy,
                top3Accuracy,
                top5Accuracy,
                rocAuc,
                perClass,
                macroAvg,
                weightedAvg,
                confusionMatrix,
                null,
                null,
                null,
                null);
    }

    public static Metrics regression(int testRows, double loss, double mse, double mae, Double r2) {
        return new Metrics(
                testRows, loss, null, null, null, null, null, null, null, null, mse, Math.sqrt(mse), mae, r2);
    }

    /** A physics-informed model's: regression metrics over the whole evaluation grid, and the largest error. */
    public static Metrics physics(int gridRows, double loss, double mse, double mae, Double r2, double maxAbsError) {
        return new Metrics(
                gridRows,
                loss,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                mse,
                Math.sqrt(mse),
                mae,
                r2,
                null,
                maxAbsError);
    }

    /** An autoencoder's test metrics: mse and mae over every value, and the per-row errors. */
    public static Metrics reconstruction(int testRows, double loss, double mse, double mae, Reconstruction r) {
        return new Metrics(
                testRows,
                loss,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                mse,
                Math.sqrt(mse),
                mae,
                null,
                r,
                null);
    }

    /**
     * A row's score is its reconstruction error in the training loss's measure (the mean over its values); a row
     * scoring above {@code threshold} is an anomaly.
     */
    @Schema(name = "ReconstructionMetrics", description = "an autoencoder's reconstruction errors")
    public record Reconstruction(
            @Schema(description = "the measure of a row's score: the training loss", example = "mse") String measure,
            @Schema(description = "mean score of the test rows", example = "0.012") double scoreMean,
            @Schema(description = "median score of the test rows", example = "0.010") double scoreP50,
            @Schema(description = "95th percentile of the test rows' scores", example = "0.025") double scoreP95,
            @Schema(description = "largest test row score", example = "0.061") double scoreMax,
            @Schema(
                            description = "anomaly threshold: the 99th percentile of the training rows' scores; a "
                                    + "prediction scoring above it is an anomaly",
                            example = "0.031")
                    double threshold,
            @Schema(description = "test rows scoring above the threshold", example = "12") int testAnomalies,
            @Schema(
                            description = "baseline: the test MSE of always answering the training split's mean input",
                            example = "0.067")
                    double baselineMse) {}

    /** One class's line of the classification report. */
    @Schema(description = "one class of the classification report")
    public record ClassScores(
            @Schema(description = "class name", example = "versicolor") String label,
            @Schema(
                            description = "of the rows predicted as this class, the fraction that are; 0 when none is",
                            example = "0.8889")
                    double precision,
            @Schema(
                            description = "of the rows of this class, the fraction predicted as it; 0 without support",
                            example = "0.8")
                    double recall,
            @Schema(
                            description = "harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN); 0 when both "
                                    + "are 0",
                            example = "0.8421")
                    double f1,
            @Schema(description = "test rows of this class", example = "10") int support) {}

    /** The macro or weighted average line of the classification report; support is all test rows. */
    @Schema(description = "an average line of the classification report")
    public record AverageScores(
            @Schema(example = "0.9024") double precision,
            @Schema(example = "0.9") double recall,
            @Schema(example = "0.8997") double f1,
            @Schema(description = "all test rows", example = "30") int support) {}
}
