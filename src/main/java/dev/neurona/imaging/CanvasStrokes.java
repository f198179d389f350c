package dev.neurona.imaging;

import dev.neurona.platform.problem.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Raw strokes from a browser canvas or phone ({@code [xs, ys]} or {@code [xs, ys, ts]} per stroke, any pixel
 * coordinates) brought into the form Google published its <em>simplified</em> Quick, Draw! data in, so a model trained
 * on that data sees drawings prepared the same way: aligned to the top-left, uniformly scaled so the longest side spans
 * 0..255, rounded to integers, each stroke simplified by Ramer–Douglas–Peucker with epsilon 2.0, timing dropped.
 */
public final class CanvasStrokes {

    static final int MAX_STROKES = 1_000;
    static final int MAX_POINTS = 100_000;
    static final double EPSILON = 2.0;
    private static final int TOP = 255;

    private CanvasStrokes() {}

    /**
     * Whether the drawing already is in the simplified format: every coordinate an integer in 0..255 and the drawing
     * touching 0 on both axes. Malformed input is simply not simplified; {@link #normalize} says what is wrong with it.
     */
    static boolean isSimplified(List<double[][]> raw) {
        if (raw == null || raw.isEmpty()) {
            return false;
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        for (double[][] stroke : raw) {
            if (stroke == null
                    || stroke.length < 2
                    || stroke.length > 3
                    || stroke[0] == null
                    || stroke[1] == null
                    || stroke[0].length != stroke[1].length) {
                return false;
            }
            for (int axis = 0; axis < 2; axis++) {
                for (double v : stroke[axis]) {
                    if (!(v >= 0 && v <= TOP && v == Math.rint(v))) {
                        return false;
                    }
                }
            }
            for (double x : stroke[0]) {
                minX = Math.min(minX, x);
            }
            for (double y : stroke[1]) {
                minY = Math.min(minY, y);
            }
        }
        return minX == 0 && minY == 0;
    }

    /**
     * Validates, then passes simplified drawings through as they are and normalises everything else. A problem names
     * the drawing (the empty field path) or its stroke ({@code [2]}); the caller puts its field in front.
     */
    static List<SimplifiedStroke> prepare(List<double[][]> raw) {
        validate(raw);
        if (!isSimplified(raw)) {
            return normalize(raw);
        }
        List<SimplifiedStroke> out = new ArrayList<>();
        for (double[][] stroke : raw) {
            if (stroke[0].length > 0) {
                out.add(new SimplifiedStroke(toInts(stroke[0]), toInts(stroke[1])));
            }
        }
        return out;
    }

    /** The simplified form of a raw drawing; strokes without points are dropped. */
    static List<SimplifiedStroke> normalize(List<double[][]> raw) {
        validate(raw);
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[][] stroke : raw) {
            for (int i = 0; i < stroke[0].length; i++) {
                minX = Math.min(minX, stroke[0][i]);
                maxX = Math.max(maxX, stroke[0][i]);
                minY = Math.min(minY, stroke[1][i]);
                maxY = Math.max(maxY, stroke[1][i]);
            }
        }
        // Halved so that finite coordinates at the ends of the double range cannot overflow into an infinite extent.
        double extent = Math.max(maxX * 0.5 - minX * 0.5, maxY * 0.5 - minY * 0.5);
        List<SimplifiedStroke> out = new ArrayList<>();
        for (double[][] stroke : raw) {
            int n = stroke[0].length;
            if (n == 0) {
                continue;
            }
            int[] xs = new int[n];
            int[] ys = new int[n];
            int kept = 0;
            for (int i = 0; i < n; i++) {
                int x = scaled(stroke[0][i], minX, extent);
                int y = scaled(stroke[1][i], minY, extent);
                // Rounding lands neighbouring samples on the same pixel; repeats carry no shape.
                if (kept > 0 && xs[kept - 1] == x && ys[kept - 1] == y) {
                    continue;
                }
                xs[kept] = x;
                ys[kept] = y;
                kept++;
            }
            out.add(simplify(xs, ys, kept));
        }
        return out;
    }

    /**
     * The offset from the minimum as 0..255. Divided by the extent before multiplying: 255 / extent overflows to
     * infinity for extents below about 1e-306, and an infinite scale rounds every offset to -1.
     */
    private static int scaled(double value, double min, double extent) {
        // A single point, or all points on one spot, has no extent to scale: it stays at the origin.
        return extent > 0 ? (int) Math.round((value * 0.5 - min * 0.5) / extent * TOP) : 0;
    }

    /**
     * Ramer–Douglas–Peucker on the first {@code n} points. Google also resamples strokes at 1 px spacing before this
     * step, which we skip: resampling only adds points on the segments between samples, and such a point is never
     * farther from a chord than the segment's own ends, so RDP would drop it again.
     */
    static SimplifiedStroke simplify(int[] xs, int[] ys, int n) {
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        // An explicit stack: recursion could go 100,000 deep on a long zig-zag.
        Deque<int[]> spans = new ArrayDeque<>();
        if (n > 2) {
            spans.push(new int[] {0, n - 1});
        }
        while (!spans.isEmpty()) {
            int[] span = spans.pop();
            int first = span[0];
            int last = span[1];
            double farthest = -1;
            int index = -1;
            for (int i = first + 1; i < last; i++) {
                double d = distanceToSegment(xs[i], ys[i], xs[first], ys[first], xs[last], ys[last]);
                if (d > farthest) {
                    farthest = d;
                    index = i;
                }
            }
            if (farthest > EPSILON) {
                keep[index] = true;
                if (index - first > 1) {
                    spans.push(new int[] {first, index});
                }
                if (last - index > 1) {
                    spans.push(new int[] {index, last});
                }
            }
        }
        int count = 0;
        for (boolean k : keep) {
            count += k ? 1 : 0;
        }
        int[] outX = new int[count];
        int[] outY = new int[count];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                outX[j] = xs[i];
                outY[j] = ys[i];
                j++;
            }
        }
        return new SimplifiedStroke(outX, outY);
    }

    /**
     * Distance to the segment rather than to the infinite line through its ends: a stroke that runs past its own end
     * and back (a spike) keeps its tip. Where the foot of the perpendicular is on the segment the two are equal.
     */
    private static double distanceToSegment(int px, int py, int ax, int ay, int bx, int by) {
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSquared;
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
    }

    private static void validate(List<double[][]> raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidInputException("", "required: at least one stroke [xs, ys]");
        }
        if (raw.size() > MAX_STROKES) {
            throw new InvalidInputException("", raw.size() + " strokes; at most " + MAX_STROKES);
        }
        long points = 0;
        for (int s = 0; s < raw.size(); s++) {
            double[][] stroke = raw.get(s);
            String where = "[" + s + "]";
            if (stroke == null || stroke.length < 2 || stroke.length > 3 || stroke[0] == null || stroke[1] == null) {
                throw new InvalidInputException(where, "a stroke is [xs, ys] or [xs, ys, ts]: lists of numbers");
            }
            if (stroke[0].length != stroke[1].length) {
                throw new InvalidInputException(
                        where, stroke[0].length + " xs but " + stroke[1].length + " ys; each point needs both");
            }
            points += stroke[0].length;
            if (points > MAX_POINTS) {
                throw new InvalidInputException(
                        "", "more than " + MAX_POINTS + " points in total; at most " + MAX_POINTS);
            }
            for (int axis = 0; axis < 2; axis++) {
                for (double v : stroke[axis]) {
                    if (!Double.isFinite(v)) {
                        throw new InvalidInputException(where, "coordinates must be finite numbers, not " + v);
                    }
                }
            }
        }
        if (points == 0) {
            throw new InvalidInputException("", "the drawing has no points");
        }
    }

    private static int[] toInts(double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }
}
