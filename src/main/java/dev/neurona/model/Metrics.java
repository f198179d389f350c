package dev.neurona.model;

import java.util.List;

/**
 * Test-split metrics of a trained model. Classification: accuracy and confusion matrix (rows = true class,
 * columns = predicted, in the model's class order). Regression: MSE, MAE and R² in the target's own units.
 */
public record Metrics(int testRows, Double loss, Double accuracy, List<List<Integer>> confusionMatrix,
                      Double mse, Double mae, Double r2) {
}
