package dev.neurona.prediction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.ApiException;
import dev.neurona.spec.OutputHead;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Tabular predictions: rows are encoded with the model's stored preprocessing and sent through the network as one
 * batch (one tensor for the whole request, not one per row), in a per-request NDManager.
 */
@Service
class PredictionService {

    private final ModelCache models;
    private final ImagePredictions images;
    private final int maxRows;
    private final Timer latency;

    PredictionService(ModelCache models, ImagePredictions images, NeuronaProperties properties, MeterRegistry meters) {
        this.models = models;
        this.images = images;
        this.maxRows = properties.prediction().maxRows();
        this.latency = Timer.builder("neurona.prediction.latency")
                .description("time to answer a prediction request, model loading included")
                .publishPercentileHistogram()
                .register(meters);
    }

    PredictionResponse predict(UUID modelId, PredictionRequest request) {
        if (request.rows() == null && (request.images() != null || request.drawings() != null)) {
            return images.predict(modelId, request);
        }
        List<Map<String, Object>> rows = request.rows();
        if (rows == null || rows.isEmpty()) {
            throw ApiException.invalid("rows", "required: at least one row object of column: value");
        }
        if (rows.size() > maxRows) {
            throw ApiException.invalid("rows", rows.size() + " rows; at most " + maxRows + " per request");
        }
        return latency.record(() -> {
            LoadedModel model = models.acquire(modelId);
            try {
                if (!(model.record().preprocessing() instanceof TabularEncoding encoding)) {
                    throw ApiException.invalid(
                            "rows",
                            "this model takes images, not table rows: send \"images\" "
                                    + "or \"drawings\", or upload a PNG/JPEG file");
                }
                float[] x = encoding.encodeRows(rows);
                float[] out;
                int width;
                try (NDManager manager = model.model().getNDManager().newSubManager()) {
                    NDArray input = manager.create(x, new Shape(rows.size(), encoding.width()));
                    NDArray output = model.model()
                            .getBlock()
                            .forward(new ParameterStore(manager, false), new NDList(input), false)
                            .singletonOrThrow();
                    NDArray probabilities = model.head().classProbabilities(output);
                    if (probabilities != null) {
                        output = probabilities;
                    }
                    width = (int) output.getShape().get(1);
                    out = output.toFloatArray();
                }
                return new PredictionResponse(modelId, decode(out, width, rows.size(), model.head(), encoding));
            } finally {
                model.release();
            }
        });
    }

    private static List<PredictionResponse.Prediction> decode(
            float[] out, int width, int n, OutputHead head, TabularEncoding encoding) {
        List<PredictionResponse.Prediction> predictions = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            if (encoding.task() == Task.REGRESSION) {
                predictions.add(new PredictionResponse.Prediction(null, null, encoding.decodeTarget(out[r])));
                continue;
            }
            List<String> classes = encoding.classes();
            if (head == OutputHead.MARGIN) {
                // hinge or perceptron: the sign of the score decides, and the score is no probability
                predictions.add(
                        new PredictionResponse.Prediction(classes.get(out[r] >= 0 ? 1 : 0), null, (double) out[r]));
                continue;
            }
            Map<String, Double> probabilities = new LinkedHashMap<>();
            for (int c = 0; c < width; c++) {
                probabilities.put(classes.get(c), (double) out[r * width + c]);
            }
            String label = probabilities.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey();
            predictions.add(new PredictionResponse.Prediction(label, probabilities, null));
        }
        return predictions;
    }
}
