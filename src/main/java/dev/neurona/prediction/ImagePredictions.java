package dev.neurona.prediction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.imaging.DrawingPreprocessor;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.ApiException;
import dev.neurona.spec.OutputHead;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Predictions of image models: each input is prepared like the model's training images, all of a request go
 * through the network as one batch, and the answer ranks the classes.
 */
@Component
public class ImagePredictions {

    /** A named input: where it came from (for error fields) and its raw form. */
    interface Input {
        byte[] prepare(ImageEncoding encoding);
    }

    private final ModelCache models;
    private final int maxImages;
    private final Timer latency;

    ImagePredictions(ModelCache models, NeuronaProperties properties, MeterRegistry meters) {
        this.models = models;
        this.maxImages = Math.max(1, properties.prediction().maxRows());
        this.latency = Timer.builder("neurona.prediction.latency")
                .description("time to answer a prediction request, model loading included")
                .publishPercentileHistogram()
                .register(meters);
    }

    PredictionResponse predict(UUID modelId, PredictionRequest request) {
        List<Input> inputs = new ArrayList<>();
        if (request.images() != null) {
            for (int i = 0; i < request.images().size(); i++) {
                String field = "images[" + i + "]";
                List<Object> pixels = request.images().get(i);
                inputs.add(e -> ImageInputs.pixels(pixels == null ? List.of() : pixels, e, field));
            }
        }
        if (request.drawings() != null) {
            for (int i = 0; i < request.drawings().size(); i++) {
                String field = "drawings[" + i + "]";
                List<double[][]> strokes = strokes(request.drawings().get(i), field);
                inputs.add(e -> ImageInputs.drawing(strokes, e, field));
            }
        }
        return predict(modelId, inputs, request.topK(), Boolean.TRUE.equals(request.includeInput()));
    }

    PredictionResponse predict(UUID modelId, List<Input> inputs, Integer topK, boolean includeInput) {
        if (inputs.isEmpty()) {
            throw ApiException.invalid("images", "send at least one image, drawing or picture");
        }
        if (inputs.size() > maxImages) {
            throw ApiException.invalid("images", inputs.size() + " inputs; at most " + maxImages + " per request");
        }
        // at least 1: checked where the request is read
        int k = topK == null ? 3 : topK;
        return latency.record(() -> {
            LoadedModel model = models.acquire(modelId);
            try {
                if (!(model.record().preprocessing() instanceof ImageEncoding encoding)) {
                    throw ApiException.invalid("images", "this model takes table rows, not images: send \"rows\"");
                }
                List<byte[]> prepared = new ArrayList<>(inputs.size());
                for (Input input : inputs) {
                    prepared.add(input.prepare(encoding));
                }
                float[] outputs = forward(model, encoding, prepared);
                return new PredictionResponse(
                        modelId,
                        model.head() == OutputHead.MARGIN
                                ? margins(outputs, prepared, encoding, includeInput)
                                : answers(outputs, prepared, encoding, k, includeInput));
            } finally {
                model.release();
            }
        });
    }

    private static float[] forward(LoadedModel model, ImageEncoding encoding, List<byte[]> images) {
        List<Integer> shape = encoding.inputShape();
        int size = shape.get(0) * shape.get(1) * shape.get(2);
        ByteBuffer batch = ByteBuffer.allocateDirect(images.size() * size);
        images.forEach(batch::put);
        batch.flip();
        try (NDManager manager = model.model().getNDManager().newSubManager()) {
            NDArray x = manager.create(
                            batch, new Shape(images.size(), shape.get(0), shape.get(1), shape.get(2)), DataType.UINT8)
                    .toType(DataType.FLOAT32, false)
                    .div(255f);
            if (encoding.std() != null) {
                x = x.sub(encoding.mean()).div(encoding.std());
            }
            NDArray out = model.model()
                    .getBlock()
                    .forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow();
            NDArray probabilities = model.head().classProbabilities(out);
            return (probabilities != null ? probabilities : out).toFloatArray();
        }
    }

    /** Two classes by the sign of one score (hinge, perceptron): the label and the score, no probabilities. */
    private static List<PredictionResponse.Prediction> margins(
            float[] scores, List<byte[]> images, ImageEncoding encoding, boolean includeInput) {
        List<PredictionResponse.Prediction> out = new ArrayList<>();
        for (int r = 0; r < images.size(); r++) {
            String input = includeInput && encoding.inputShape().get(0) == 1
                    ? DrawingPreprocessor.toPngBase64(
                            images.get(r), encoding.inputShape().get(1))
                    : null;
            out.add(new PredictionResponse.Prediction(
                    encoding.classes().get(scores[r] >= 0 ? 1 : 0), null, (double) scores[r], null, input));
        }
        return out;
    }

    private static List<PredictionResponse.Prediction> answers(
            float[] probabilities, List<byte[]> images, ImageEncoding encoding, int k, boolean includeInput) {
        List<String> classes = encoding.classes();
        int width = classes.size();
        List<PredictionResponse.Prediction> out = new ArrayList<>();
        for (int r = 0; r < images.size(); r++) {
            Map<String, Double> all = new LinkedHashMap<>();
            for (int c = 0; c < width; c++) {
                all.put(classes.get(c), (double) probabilities[r * width + c]);
            }
            List<PredictionResponse.Ranked> top = all.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                    .limit(k)
                    .map(e -> new PredictionResponse.Ranked(e.getKey(), e.getValue()))
                    .toList();
            String input = includeInput && encoding.inputShape().get(0) == 1
                    ? DrawingPreprocessor.toPngBase64(
                            images.get(r), encoding.inputShape().get(1))
                    : null;
            out.add(new PredictionResponse.Prediction(top.get(0).label(), all, null, top, input));
        }
        return out;
    }

    public static List<double[][]> strokes(List<List<List<Double>>> drawing, String field) {
        if (drawing == null || drawing.isEmpty()) {
            throw ApiException.invalid(field, "a drawing needs at least one stroke [[xs], [ys]]");
        }
        List<double[][]> strokes = new ArrayList<>(drawing.size());
        for (int s = 0; s < drawing.size(); s++) {
            List<List<Double>> stroke = drawing.get(s);
            if (stroke == null || stroke.size() < 2 || stroke.size() > 3) {
                throw ApiException.invalid(field + "[" + s + "]", "a stroke is [[xs], [ys]] or [[xs], [ys], [ts]]");
            }
            double[][] axes = new double[stroke.size()][];
            for (int a = 0; a < stroke.size(); a++) {
                List<Double> values = stroke.get(a);
                if (values == null || values.contains(null)) {
                    throw ApiException.invalid(field + "[" + s + "]", "coordinates must be numbers");
                }
                axes[a] = values.stream().mapToDouble(Double::doubleValue).toArray();
            }
            strokes.add(axes);
        }
        return strokes;
    }
}
