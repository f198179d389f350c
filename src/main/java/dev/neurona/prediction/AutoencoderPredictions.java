package dev.neurona.prediction;

import ai.djl.ndarray.types.Shape;
import dev.neurona.dataset.encoding.EncodedRows;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.model.Metrics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;

/**
 * Answers of an autoencoder ({@code spec.task: reconstruction}): per row or image the reconstruction in the input's
 * own terms, the code, the score (the row's reconstruction error in the training loss's measure) and whether the
 * score is above the anomaly threshold stored with the model's metrics.
 */
final class AutoencoderPredictions {

    private AutoencoderPredictions() {}

    static List<PredictionResponse.Prediction> rows(LoadedModel model, TabularEncoding encoding, EncodedRows encoded) {
        int width = encoding.width();
        int rows = encoded.values().length / width;
        LoadedModel.Reconstructed r =
                model.reconstruct(manager -> manager.create(encoded.values(), new Shape(rows, width)));
        double threshold = threshold(model);
        List<PredictionResponse.Prediction> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            out.add(PredictionResponse.Prediction.reconstructed(
                            decode(encoding, r.outputs(), i * width),
                            code(r, i),
                            r.scores()[i],
                            r.scores()[i] > threshold,
                            null)
                    .withNotes(encoded.notes().get(i)));
        }
        return out;
    }

    /** Pictures, images and drawings, each prepared like the model's training images. */
    static List<PredictionResponse.Prediction> images(
            LoadedModel model, ImageEncoding encoding, List<ImageInputs.Input> inputs, boolean includeInput) {
        ImageInputs.Prepared prepared = ImageInputs.prepare(inputs, encoding);
        return images(model, encoding, prepared.batch(), inputs.size(), includeInput ? prepared.pngs(encoding) : null);
    }

    /**
     * {@code count} prepared images back to back (C·H·W uint8 each); {@code input}, if not null, gives the picture to
     * return per image as the model saw it.
     */
    static List<PredictionResponse.Prediction> images(
            LoadedModel model, ImageEncoding encoding, byte[] pixels, int count, IntFunction<String> input) {
        LoadedModel.Reconstructed r = model.reconstruct(manager -> model.imageTensor(manager, pixels, count));
        double threshold = threshold(model);
        List<PredictionResponse.Prediction> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(PredictionResponse.Prediction.reconstructed(
                    png(encoding, r.outputs(), i * r.width()),
                    code(r, i),
                    r.scores()[i],
                    r.scores()[i] > threshold,
                    input == null ? null : input.apply(i)));
        }
        return out;
    }

    /** Without test rows a model has no threshold, and nothing is called an anomaly. */
    private static double threshold(LoadedModel model) {
        Metrics.Reconstruction m = model.record().metrics().reconstruction();
        return m == null ? Double.POSITIVE_INFINITY : m.threshold();
    }

    private static float[] code(LoadedModel.Reconstructed r, int row) {
        if (r.code() == null) {
            return null;
        }
        float[] code = new float[r.codeWidth()];
        System.arraycopy(r.code(), row * r.codeWidth(), code, 0, code.length);
        return code;
    }

    /**
     * A reconstructed row in the table's own terms: numbers de-standardised with the training statistics, and for a
     * category the one whose one-hot value came back largest.
     */
    static Map<String, Object> decode(TabularEncoding encoding, float[] values, int offset) {
        Map<String, Object> row = new LinkedHashMap<>();
        int at = offset;
        for (TabularEncoding.Feature f : encoding.features()) {
            if ("numeric".equals(f.type())) {
                row.put(f.name(), values[at] * f.std() + f.mean());
                at++;
            } else {
                int best = 0;
                for (int k = 1; k < f.categories().size(); k++) {
                    if (values[at + k] > values[at + best]) {
                        best = k;
                    }
                }
                row.put(f.name(), f.categories().get(best));
                at += f.categories().size();
            }
        }
        return row;
    }

    /** A reconstructed image as a base64 PNG: standardisation undone, values clipped to [0, 1], grey or RGB. */
    static String png(ImageEncoding encoding, float[] values, int offset) {
        List<Integer> shape = encoding.inputShape();
        int c = shape.get(0);
        int h = shape.get(1);
        int w = shape.get(2);
        BufferedImage image =
                new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] channel = new int[3];
                for (int k = 0; k < 3; k++) {
                    float v = values[offset + (c == 1 ? 0 : Math.min(k, c - 1)) * h * w + y * w + x];
                    if (encoding.std() != null) {
                        v = v * encoding.std() + encoding.mean();
                    }
                    channel[k] = Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
                }
                if (c == 1) {
                    image.getRaster().setSample(x, y, 0, channel[0]);
                } else {
                    image.setRGB(x, y, (channel[0] << 16) | (channel[1] << 8) | channel[2]);
                }
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
