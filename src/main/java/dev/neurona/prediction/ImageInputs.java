package dev.neurona.prediction;

import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.imaging.CanvasStrokes;
import dev.neurona.imaging.DrawingPreprocessor;
import dev.neurona.imaging.Drawings;
import dev.neurona.imaging.SimplifiedStroke;
import dev.neurona.platform.problem.ApiException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a person sends an image model — a photo or canvas PNG/JPEG, the strokes of a sketch, or raw pixel
 * values — into the uint8 image the model was trained on, prepared the way its training data was made (the
 * model's {@code style}).
 */
public final class ImageInputs {

    private ImageInputs() {}

    /** An uploaded PNG or JPEG. */
    static byte[] picture(byte[] bytes, ImageEncoding encoding, String field) {
        BufferedImage image = DrawingPreprocessor.decode(bytes, field);
        List<Integer> shape = encoding.inputShape();
        if (shape.get(1) != 28 || shape.get(2) != 28 || "resize".equals(encoding.style())) {
            return DrawingPreprocessor.resize(image, shape.get(1), shape.get(0) == 3);
        }
        return "quickdraw".equals(encoding.style())
                ? DrawingPreprocessor.fillStyle(image, field)
                : DrawingPreprocessor.mnistStyle(image, field);
    }

    /** A drawing as strokes: Quick, Draw!'s simplified format, or raw canvas strokes normalised like Google's. */
    public static byte[] drawing(List<double[][]> raw, ImageEncoding encoding, String field) {
        List<Integer> shape = encoding.inputShape();
        if (shape.get(0) != 1 || shape.get(1) != 28 || shape.get(2) != 28) {
            throw ApiException.invalid(
                    field,
                    "this model takes " + shape.get(0) + "×" + shape.get(1) + "×" + shape.get(2)
                            + " pictures, not 28×28 drawings: upload an image instead");
        }
        List<int[][]> strokes = new ArrayList<>();
        for (SimplifiedStroke s : CanvasStrokes.prepare(raw, field)) {
            strokes.add(new int[][] {s.xs(), s.ys()});
        }
        byte[] bitmap = Drawings.rasterize(strokes, field);
        if (!"mnist".equals(encoding.style())) {
            return bitmap;
        }
        // a digit model expects MNIST's framing (20 px box, centred by mass): reframe the rendered ink
        BufferedImage rendered = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        rendered.getRaster().setDataElements(0, 0, 28, 28, bitmap);
        return DrawingPreprocessor.mnistStyle(rendered, field);
    }

    /** Raw pixel values 0–255, flat (C·H·W) or nested rows. */
    static byte[] pixels(List<?> values, ImageEncoding encoding, String field) {
        List<Integer> shape = encoding.inputShape();
        int size = shape.get(0) * shape.get(1) * shape.get(2);
        List<Object> flat = new ArrayList<>(size);
        flatten(values, flat, field, 0);
        if (flat.size() != size) {
            throw ApiException.invalid(
                    field,
                    "expected " + size + " pixel values (" + shape.get(0) + "×" + shape.get(1) + "×" + shape.get(2)
                            + "), got " + flat.size());
        }
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            Object v = flat.get(i);
            if (!(v instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 255)) {
                throw ApiException.invalid(field, "pixel " + i + " must be a number from 0 to 255, was " + v);
            }
            out[i] = (byte) Math.round(n.doubleValue());
        }
        return out;
    }

    private static void flatten(List<?> values, List<Object> out, String field, int depth) {
        if (depth > 3) {
            throw ApiException.invalid(field, "nested too deeply: give pixels flat or as rows");
        }
        for (Object v : values) {
            if (v instanceof List<?> inner) {
                flatten(inner, out, field, depth + 1);
            } else {
                out.add(v);
            }
            if (out.size() > 1_000_000) {
                throw ApiException.invalid(field, "too many pixel values");
            }
        }
    }
}
