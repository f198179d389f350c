package dev.neurona.prediction;

import dev.neurona.dataset.encoding.ImageEncoding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Predictions of image models: each input is prepared like the model's training images, all of a request go
 * through the network as one batch, and the answer ranks the classes.
 */
final class ImagePredictions {

    private ImagePredictions() {}

    static List<PredictionResponse.Prediction> predict(
            LoadedModel model, ImageEncoding encoding, List<ImageInputs.Input> inputs, int k, boolean includeInput) {
        ImageInputs.Prepared prepared = ImageInputs.prepare(inputs, encoding);
        return predict(
                model, encoding, prepared.batch(), inputs.size(), k, includeInput ? prepared.pngs(encoding) : null);
    }

    /**
     * {@code count} images already prepared, back to back in {@code pixels} (C·H·W uint8 each); {@code input}, if not
     * null, gives the picture to return per image.
     */
    static List<PredictionResponse.Prediction> predict(
            LoadedModel model,
            ImageEncoding encoding,
            byte[] pixels,
            int count,
            int k,
            java.util.function.IntFunction<String> input) {
        Outputs outputs = model.forwardImages(pixels, count);
        List<PredictionResponse.Prediction> decided = outputs.classified(model.head(), encoding.classes());
        List<PredictionResponse.Prediction> out = new ArrayList<>(decided.size());
        for (int r = 0; r < decided.size(); r++) {
            PredictionResponse.Prediction p = decided.get(r);
            out.add(new PredictionResponse.Prediction(
                    p.label(), p.probabilities(), p.value(), top(p, k), input == null ? null : input.apply(r)));
        }
        return out;
    }

    /** The {@code k} most probable classes, the predicted one first; none for a score that is no probability. */
    private static List<PredictionResponse.Ranked> top(PredictionResponse.Prediction p, int k) {
        if (p.probabilities() == null) {
            return null;
        }
        return p.probabilities().entrySet().stream()
                .sorted(Comparator.comparing(
                                (Map.Entry<String, Double> e) -> !e.getKey().equals(p.label()))
                        .thenComparing(Map.Entry.comparingByValue(Comparator.reverseOrder())))
                .limit(k)
                .map(e -> new PredictionResponse.Ranked(e.getKey(), e.getValue()))
                .toList();
    }
}
