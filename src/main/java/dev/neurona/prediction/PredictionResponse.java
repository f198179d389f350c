package dev.neurona.prediction;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per input: the predicted label and every class's probability (with the best {@code top} ones ranked for image
 * models), or the predicted value for regression; optionally the image the model saw.
 */
record PredictionResponse(UUID modelId, List<Prediction> predictions) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Prediction(String label, Map<String, Double> probabilities, Double value, List<Ranked> top, String input) {

        Prediction(String label, Map<String, Double> probabilities, Double value) {
            this(label, probabilities, value, null, null);
        }
    }

    record Ranked(String label, double probability) {}
}
