package dev.neurona.imaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a drawing as a person sends it (raw canvas strokes, or Quick, Draw!'s simplified format) to the 28×28 bitmap
 * a doodle model was trained on, with the same renderer the ndjson datasets go through, so predictions see what
 * training saw.
 */
public final class Drawings {

    private Drawings() {}

    /**
     * Strokes as {xs, ys} or {xs, ys, ts}; 784 bytes, white ink on black. A problem names the drawing (the empty
     * field path) or its stroke ({@code [2]}).
     */
    public static byte[] rasterize(List<double[][]> raw) {
        return StrokeRasterizer.render(strokes(raw), StrokeRasterizer.GOOGLE);
    }

    /**
     * The same drawing with a pen as wide as MNIST's ink, for a digit model: the caller reframes it the way MNIST was
     * made ({@link DrawingPreprocessor#mnistStyle}).
     */
    public static byte[] rasterizeDigit(List<double[][]> raw) {
        return StrokeRasterizer.render(strokes(raw), StrokeRasterizer.DIGIT);
    }

    private static List<StrokeRasterizer.Stroke> strokes(List<double[][]> raw) {
        List<StrokeRasterizer.Stroke> strokes = new ArrayList<>();
        for (SimplifiedStroke s : CanvasStrokes.prepare(raw)) {
            strokes.add(new StrokeRasterizer.Stroke(s.xs(), s.ys()));
        }
        return strokes;
    }
}
