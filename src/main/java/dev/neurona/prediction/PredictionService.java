package dev.neurona.prediction;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.EncodedRows;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.RowNote;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.model.ModelRefs;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.InvalidInputException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The one door for predictions: JSON bodies and uploaded pictures come in here, and this is where a request goes to
 * the table or the image path. Each request's inputs are prepared with the model's stored preprocessing and sent
 * through the network as one batch (one tensor for the whole request, not one per row), in a per-request manager.
 */
@Service
class PredictionService {

    private final ModelCache models;
    private final ModelRefs refs;
    private final int maxRows;
    private final Timer latency;

    PredictionService(ModelCache models, ModelRefs refs, NeuronaProperties properties, MeterRegistry meters) {
        this.models = models;
        this.refs = refs;
        this.maxRows = Math.max(1, properties.prediction().maxRows());
        this.latency = Timer.builder("neurona.prediction.latency")
                .description("time to answer a prediction request, model loading included")
                .publishPercentileHistogram()
                .register(meters);
    }

    /**
     * A JSON body: table rows, or raw images and drawings for an image model; never both, and no image options on
     * rows, so nothing a client sends is silently ignored.
     */
    PredictionResponse predict(String ref, Integer version, PredictionRequest request) {
        UUID modelId = refs.resolve(ref, version);
        if (request.rows() != null) {
            if (request.images() != null || request.drawings() != null) {
                throw new InvalidInputException(
                        request.images() != null ? "images" : "drawings", "send rows or images/drawings, not both");
            }
            if (request.topK() != null || Boolean.TRUE.equals(request.includeInput())) {
                throw new InvalidInputException(
                        request.topK() != null ? "topK" : "includeInput",
                        "only for image models; a table model answers every class's probability per row");
            }
            return rows(modelId, request.rows());
        }
        if (request.images() != null || request.drawings() != null) {
            return images(
                    modelId, ImageInputs.of(request), request.topK(), Boolean.TRUE.equals(request.includeInput()));
        }
        return rows(modelId, null);
    }

    /** Uploaded PNG or JPEG pictures for an image model, the parts {@code files[i]} (weighed by {@link PictureBudget}). */
    PredictionResponse predictPictures(
            String ref, Integer version, List<ImageInputs.Input> pictures, Integer topK, boolean includeInput) {
        return images(refs.resolve(ref, version), pictures, topK, includeInput);
    }

    /**
     * Raw image bytes ({@code application/octet-stream}): N images of the model's shape back to back, as
     * {@link TensorInput} describes.
     */
    PredictionResponse predictTensor(String ref, Integer version, byte[] body, String format, Integer topK) {
        TensorInput.Format f = TensorInput.Format.parse(format);
        UUID modelId = refs.resolve(ref, version);
        return withModel(modelId, model -> {
            if (!(model.record().preprocessing() instanceof ImageEncoding encoding)) {
                throw new InvalidInputException("body", "this model takes table rows, not images: send JSON \"rows\"");
            }
            boolean autoencoder = model.record().spec().reconstruction();
            if (autoencoder) {
                refuseTopK(topK);
            }
            int classes = encoding.classes().size();
            if (topK != null && topK > classes) {
                throw new InvalidInputException("topK", "at most the model's " + classes + " classes, was " + topK);
            }
            int count = TensorInput.count(body.length, encoding, f, maxRows);
            if (autoencoder) {
                return AutoencoderPredictions.images(model, encoding, TensorInput.pixels(body, count, f), count, null);
            }
            return ImagePredictions.predict(
                    model, encoding, TensorInput.pixels(body, count, f), count, topK == null ? 3 : topK, null);
        });
    }

    private PredictionResponse rows(UUID modelId, List<Object> rows) {
        if (rows == null || rows.isEmpty()) {
            throw new InvalidInputException(
                    "rows", "required: at least one row, an object of column: value or an array of values");
        }
        if (rows.size() > maxRows) {
            throw new InvalidInputException("rows", rows.size() + " rows; at most " + maxRows + " per request");
        }
        return withModel(modelId, model -> {
            if (!(model.record().preprocessing() instanceof TabularEncoding encoding)) {
                throw new InvalidInputException(
                        "rows",
                        "this model takes images, not table rows: send \"images\" "
                                + "or \"drawings\", or upload a PNG/JPEG file");
            }
            EncodedRows encoded = encoding.encodeRows(rows);
            if (model.record().spec().reconstruction()) {
                return AutoencoderPredictions.rows(model, encoding, encoded);
            }
            Outputs out = model.forwardRows(encoded.values(), rows.size(), encoding.width());
            List<PredictionResponse.Prediction> predictions;
            if (encoding.task() == Task.REGRESSION) {
                predictions = new ArrayList<>(rows.size());
                for (float v : out.values()) {
                    predictions.add(new PredictionResponse.Prediction(null, null, encoding.decodeTarget(v)));
                }
            } else {
                predictions = out.classified(model.head(), encoding.classes());
            }
            return withNotes(predictions, encoded.notes());
        });
    }

    /** Each prediction with what was done to its row's cells instead of refusing them, if anything. */
    private static List<PredictionResponse.Prediction> withNotes(
            List<PredictionResponse.Prediction> predictions, List<List<RowNote>> notes) {
        List<PredictionResponse.Prediction> out = new ArrayList<>(predictions.size());
        for (int r = 0; r < predictions.size(); r++) {
            out.add(predictions.get(r).withNotes(notes.get(r)));
        }
        return out;
    }

    /**
     * {@code topK}: null for the default, 3 (or every class when fewer); else at least 1 (Bean Validation where the
     * request is read) and at most the number of classes, checked here.
     */
    private PredictionResponse images(
            UUID modelId, List<ImageInputs.Input> inputs, Integer topK, boolean includeInput) {
        if (inputs.isEmpty()) {
            throw new InvalidInputException("images", "send at least one image, drawing or picture");
        }
        if (inputs.size() > maxRows) {
            throw new InvalidInputException("images", inputs.size() + " inputs; at most " + maxRows + " per request");
        }
        return withModel(modelId, model -> {
            if (!(model.record().preprocessing() instanceof ImageEncoding encoding)) {
                throw new InvalidInputException("images", "this model takes table rows, not images: send \"rows\"");
            }
            if (model.record().spec().reconstruction()) {
                refuseTopK(topK);
                return AutoencoderPredictions.images(model, encoding, inputs, includeInput);
            }
            int classes = encoding.classes().size();
            if (topK != null && topK > classes) {
                throw new InvalidInputException("topK", "at most the model's " + classes + " classes, was " + topK);
            }
            return ImagePredictions.predict(model, encoding, inputs, topK == null ? 3 : topK, includeInput);
        });
    }

    private static void refuseTopK(Integer topK) {
        if (topK != null) {
            throw new InvalidInputException(
                    "topK", "this model is an autoencoder: it answers reconstructions, not ranked classes");
        }
    }

    /** Runs {@code work} on the model with its read lock held, timed as one request. */
    private PredictionResponse withModel(
            UUID modelId, Function<LoadedModel, List<PredictionResponse.Prediction>> work) {
        return latency.record(() -> {
            LoadedModel model = models.acquire(modelId);
            try {
                return new PredictionResponse(
                        modelId, model.record().registeredName(), model.record().version(), work.apply(model));
            } finally {
                model.release();
            }
        });
    }
}
