package dev.neurona.prediction;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.neurona.dataset.encoding.RowNote;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per input: the predicted label and every class's probability (with the best {@code top} ones ranked for image
 * models), or the predicted value for regression; optionally the image the model saw. An autoencoder answers its
 * {@code reconstruction} (column → value for tables, a base64 PNG for images), its {@code code} (the bottleneck's
 * values), its {@code score} (the reconstruction error in the training loss's measure) and whether that is an
 * {@code anomaly} (above the threshold stored with the model). {@code modelId},
 * {@code registeredName} and {@code version} say which model answered (a name or alias resolved once per request).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PredictionResponse(UUID modelId, String registeredName, Integer version, List<Prediction> predictions) {

    PredictionResponse(UUID modelId, List<Prediction> predictions) {
        this(modelId, null, null, predictions);
    }

    /**
     * @param notes table models: what was done to this row's cells instead of refusing them (an unknown category
     *              encoded as all zeros); absent when nothing
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Prediction(
            String label,
            Map<String, Double> probabilities,
            Double value,
            List<Ranked> top,
            String input,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RowNote> notes,
            Object reconstruction,
            float[] code,
            Double score,
            Boolean anomaly) {

        Prediction(
                String label,
                Map<String, Double> probabilities,
                Double value,
                List<Ranked> top,
                String input,
                List<RowNote> notes) {
            this(label, probabilities, value, top, input, notes, null, null, null, null);
        }

        /** An autoencoder's answer: the reconstruction, the code, the score and whether it is an anomaly. */
        static Prediction reconstructed(
                Object reconstruction, float[] code, double score, boolean anomaly, String input) {
            return new Prediction(null, null, null, null, input, null, reconstruction, code, score, anomaly);
        }

        Prediction(String label, Map<String, Double> probabilities, Double value, List<Ranked> top, String input) {
            this(label, probabilities, value, top, input, null);
        }

        Prediction(String label, Map<String, Double> probabilities, Double value) {
            this(label, probabilities, value, null, null);
        }

        Prediction withNotes(List<RowNote> rowNotes) {
            return new Prediction(
                    label,
                    probabilities,
                    value,
                    top,
                    input,
                    rowNotes.isEmpty() ? null : rowNotes,
                    reconstruction,
                    code,
                    score,
                    anomaly);
        }
    }

    record Ranked(String label, double probability) {}
}
