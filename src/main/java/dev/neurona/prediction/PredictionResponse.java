package dev.neurona.prediction;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Per row: the predicted label and every class's probability, or the predicted value for regression. */
record PredictionResponse(UUID modelId, List<Prediction> predictions) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Prediction(String label, Map<String, Double> probabilities, Double value) {
    }
}
