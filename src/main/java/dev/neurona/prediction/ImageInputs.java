package dev.neurona.prediction;

import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.imaging.DrawingPreprocessor;
import dev.neurona.imaging.Drawings;
import dev.neurona.imaging.ImageDecoder;
import dev.neurona.imaging.Resampler;
import dev.neurona.platform.problem.FieldPath;
import dev.neurona.platform.problem.InvalidInputException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a person sends an image model — a photo or canvas PNG/JPEG, the strokes of a sketch, or raw pixel
 * values — into the uint8 image the model was trained on, prepared the way its training data was made (the
 * model's {@code style}). This is where the request's field names meet the imaging code, which names problems
 * relative to one picture or drawing.
 */
public final class ImageInputs {

    private ImageInputs() {}

    /** One input of a request, prepared once the model (and so its preprocessing) is known. */
    interface Input {
        byte[] prepare(ImageEncoding encoding);
    }

    /** The raw images and drawings of a JSON body, as {@code images[i]} and {@code drawings[i]}. */
    /** Inputs prepared like the model's training images: each one's pixels, and all of them as one batch. */
    record Prepared(List<byte[]> images, byte[] batch) {

        /** The first channel of image {@code r} as a PNG (base64), for {@code includeInput}; null for colour. */
        java.util.function.IntFunction<String> pngs(ImageEncoding encoding) {
            List<Integer> shape = encoding.inputShape();
            return shape.get(0) == 1
                    ? r -> dev.neurona.imaging.DrawingPreprocessor.toPngBase64(images.get(r), shape.get(1))
                    : null;
        }
    }

    static Prepared prepare(List<Input> inputs, ImageEncoding encoding) {
        List<byte[]> images = new java.util.ArrayList<>(inputs.size());
        for (Input input : inputs) {
            images.add(input.prepare(encoding));
        }
        List<Integer> shape = encoding.inputShape();
        byte[] batch = new byte[images.size() * shape.get(0) * shape.get(1) * shape.get(2)];
        int at = 0;
        for (byte[] image : images) {
            System.arraycopy(image, 0, batch, at, image.length);
            at += image.length;
        }
        return new Prepared(images, batch);
    }

    static List<Input> of(PredictionRequest request) {
        List<Input> inputs = new ArrayList<>();
        if (request.images() != null) {
            for (int i = 0; i < request.images().size(); i++) {
                String field = "images[" + i + "]";
                List<Object> pixels = request.images().get(i);
                inputs.add(e -> pixels(pixels == null ? List.of() : pixels, e, field));
            }
        }
        if (request.drawings() != null) {
            for (int i = 0; i < request.drawings().size(); i++) {
                String field = "drawings[" + i + "]";
                List<double[][]> strokes = strokes(request.drawings().get(i), field);
                inputs.add(e -> drawing(strokes, e, field));
            }
        }
        return inputs;
    }

    /** An uploaded PNG or JPEG. */
    static Input picture(byte[] bytes, String field) {
        if (bytes.length == 0) {
            throw new InvalidInputException(field, "the file is empty");
        }
        return encoding -> FieldPath.under(field, () -> {
            BufferedImage image = ImageDecoder.decode(bytes);
            List<Integer> shape = encoding.inputShape();
            if (shape.get(1) != 28 || shape.get(2) != 28 || "resize".equals(encoding.style())) {
                return Resampler.resize(image, shape.get(1), shape.get(0) == 3);
            }
            return "quickdraw".equals(encoding.style())
                    ? DrawingPreprocessor.fillStyle(image)
                    : DrawingPreprocessor.mnistStyle(image);
        });
    }

    /** A drawing as strokes: Quick, Draw!'s simplified format, or raw canvas strokes normalised like Google's. */
    public static byte[] drawing(List<double[][]> raw, ImageEncoding encoding, String field) {
        List<Integer> shape = encoding.inputShape();
        if (shape.get(0) != 1 || shape.get(1) != 28 || shape.get(2) != 28) {
            throw new InvalidInputException(
                    field,
                    "this model takes " + shape.get(0) + "×" + shape.get(1) + "×" + shape.get(2)
                            + " pictures, not 28×28 drawings: upload an image instead");
        }
        return FieldPath.under(field, () -> {
            if (!"mnist".equals(encoding.style())) {
                return Drawings.rasterize(raw);
            }
            // a digit model expects MNIST's ink width and framing (20 px box, centred by mass): a wider pen, then
            // the rendered ink reframed
            byte[] bitmap = Drawings.rasterizeDigit(raw);
            BufferedImage rendered = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            rendered.getRaster().setDataElements(0, 0, 28, 28, bitmap);
            return DrawingPreprocessor.mnistStyle(rendered);
        });
    }

    /** The strokes of one drawing as the JSON body binds them, checked for shape: [[xs], [ys]] or [[xs], [ys], [ts]]. */
    public static List<double[][]> strokes(List<List<List<Double>>> drawing, String field) {
        if (drawing == null || drawing.isEmpty()) {
            throw new InvalidInputException(field, "a drawing needs at least one stroke [[xs], [ys]]");
        }
        List<double[][]> strokes = new ArrayList<>(drawing.size());
        for (int s = 0; s < drawing.size(); s++) {
            List<List<Double>> stroke = drawing.get(s);
            if (stroke == null || stroke.size() < 2 || stroke.size() > 3) {
                throw new InvalidInputException(
                        field + "[" + s + "]", "a stroke is [[xs], [ys]] or [[xs], [ys], [ts]]");
            }
            double[][] axes = new double[stroke.size()][];
            for (int a = 0; a < stroke.size(); a++) {
                List<Double> values = stroke.get(a);
                if (values == null || values.stream().anyMatch(java.util.Objects::isNull)) {
                    throw new InvalidInputException(field + "[" + s + "]", "coordinates must be numbers");
                }
                axes[a] = values.stream().mapToDouble(Double::doubleValue).toArray();
            }
            strokes.add(axes);
        }
        return strokes;
    }

    /**
     * Raw pixel values 0–255, flat (C·H·W) or nested rows. An image whose brightest pixel is at most 1 (but not all
     * black) is refused: that is a 0–1 image, not one of 0–255 too dark to see.
     */
    static byte[] pixels(List<?> values, ImageEncoding encoding, String field) {
        List<Integer> shape = encoding.inputShape();
        int size = shape.get(0) * shape.get(1) * shape.get(2);
        List<Object> flat = new ArrayList<>(size);
        flatten(values, flat, field, 0);
        if (flat.size() != size) {
            throw new InvalidInputException(
                    field,
                    "expected " + size + " pixel values (" + shape.get(0) + "×" + shape.get(1) + "×" + shape.get(2)
                            + "), got " + flat.size());
        }
        byte[] out = new byte[size];
        double max = 0;
        for (int i = 0; i < size; i++) {
            Object v = flat.get(i);
            if (!(v instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 255)) {
                String hint = v instanceof Number n && n.doubleValue() < 0 && n.doubleValue() >= -3
                        ? " (it looks normalised: send the raw pixel values 0–255, the model normalises them itself)"
                        : "";
                throw new InvalidInputException(
                        field, "pixel " + i + " must be a number from 0 to 255, was " + v + hint);
            }
            max = Math.max(max, n.doubleValue());
            out[i] = (byte) Math.round(n.doubleValue());
        }
        if (max > 0 && max <= 1) {
            // 0–1 values would pass as an almost black image and be predicted as one, silently
            throw new InvalidInputException(
                    field,
                    "every pixel value is between 0 and 1 (the largest is " + max + "): the image looks scaled to"
                            + " 0–1, but the model takes 0–255 (white ink 255 on black 0); multiply the values by 255");
        }
        return out;
    }

    private static void flatten(List<?> values, List<Object> out, String field, int depth) {
        if (depth > 3) {
            throw new InvalidInputException(field, "nested too deeply: give pixels flat or as rows");
        }
        for (Object v : values) {
            if (v instanceof List<?> inner) {
                flatten(inner, out, field, depth + 1);
            } else {
                out.add(v);
            }
            if (out.size() > 1_000_000) {
                throw new InvalidInputException(field, "too many pixel values");
            }
        }
    }
}
