package dev.neurona.prediction;

import dev.neurona.spec.OutputHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The raw outputs of one batch, rows × width, before the head. */
record Outputs(float[] values, int width) {

    /** Rows {@code from} to {@code from + count} of a batch gathered from several requests. */
    Outputs rows(int from, int count) {
        if (from == 0 && count * width == values.length) {
            return this;
        }
        return new Outputs(java.util.Arrays.copyOfRange(values, from * width, (from + count) * width), width);
    }

    /**
     * Per row the class the head decides, with every class's probability, or for a margin head (hinge, perceptron)
     * with its score, which is no probability.
     */
    List<PredictionResponse.Prediction> classified(OutputHead head, List<String> classes) {
        int[] decided = head.classes(values, width);
        float[] probabilities = head.probabilities(values, width);
        List<PredictionResponse.Prediction> out = new ArrayList<>(decided.length);
        for (int r = 0; r < decided.length; r++) {
            String label = classes.get(decided[r]);
            if (probabilities == null) {
                out.add(new PredictionResponse.Prediction(label, null, (double) values[r * width]));
                continue;
            }
            Map<String, Double> all = new LinkedHashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                all.put(classes.get(c), (double) probabilities[r * classes.size() + c]);
            }
            out.add(new PredictionResponse.Prediction(label, all, null));
        }
        return out;
    }
}
