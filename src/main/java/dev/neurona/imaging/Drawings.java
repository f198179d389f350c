package dev.neurona.imaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a drawing in Quick, Draw!'s simplified stroke format to the 28×28 bitmap a doodle model was trained on,
 * with the same renderer the ndjson datasets go through, so predictions see what training saw.
 */
public final class Drawings {

    private Drawings() {}

    /** Strokes as {xs, ys} pairs of 0–255 coordinates; 784 bytes, white ink on black. */
    public static byte[] rasterize(List<int[][]> strokes, String field) {
        List<StrokeRasterizer.Stroke> converted = new ArrayList<>(strokes.size());
        for (int[][] stroke : strokes) {
            converted.add(new StrokeRasterizer.Stroke(stroke[0], stroke[1]));
        }
        return StrokeRasterizer.render(converted, field);
    }
}
