package dev.neurona.imaging;

/**
 * Separable resampling of one float plane. Shrinking averages the exact source area each destination pixel covers
 * (a box filter, like PIL's {@code BOX} or AWT's area averaging): every source pixel contributes in proportion to its
 * overlap, so thin strokes turn into grey instead of vanishing or aliasing. Enlarging (a drawing smaller than the
 * target box) interpolates linearly, because a box filter would only replicate pixels into blocks.
 */
final class Resampler {

    private Resampler() {}

    /** Weights for one axis: destination pixel {@code d} is the sum of {@code weights[d][k] * src[first[d] + k]}. */
    private record Axis(int[] first, float[][] weights) {}

    /**
     * Resamples the {@code w×h} region at ({@code x0}, {@code y0}) of a row-major plane whose rows are
     * {@code stride} values long into a new {@code dw×dh} plane.
     */
    static float[] resample(float[] src, int stride, int x0, int y0, int w, int h, int dw, int dh) {
        if (w <= 0 || h <= 0 || dw <= 0 || dh <= 0) {
            throw new IllegalArgumentException("empty region " + w + "×" + h + " → " + dw + "×" + dh);
        }
        Axis ax = axis(w, dw);
        Axis ay = axis(h, dh);
        // Horizontal pass first: the intermediate is only h×dw, small even when the source region is large.
        float[] tmp = new float[h * dw];
        for (int y = 0; y < h; y++) {
            int row = (y0 + y) * stride + x0;
            for (int d = 0; d < dw; d++) {
                float[] wts = ax.weights()[d];
                int s = row + ax.first()[d];
                float sum = 0;
                for (int k = 0; k < wts.length; k++) {
                    sum += wts[k] * src[s + k];
                }
                tmp[y * dw + d] = sum;
            }
        }
        float[] out = new float[dw * dh];
        for (int d = 0; d < dh; d++) {
            float[] wts = ay.weights()[d];
            int first = ay.first()[d];
            for (int x = 0; x < dw; x++) {
                float sum = 0;
                for (int k = 0; k < wts.length; k++) {
                    sum += wts[k] * tmp[(first + k) * dw + x];
                }
                out[d * dw + x] = sum;
            }
        }
        return out;
    }

    private static Axis axis(int src, int dst) {
        int[] first = new int[dst];
        float[][] weights = new float[dst][];
        if (dst < src) {
            double scale = (double) src / dst;
            for (int d = 0; d < dst; d++) {
                double lo = d * scale;
                double hi = Math.min(src, (d + 1) * scale);
                int s0 = (int) Math.floor(lo);
                int s1 = Math.min(src, (int) Math.ceil(hi));
                float[] wts = new float[s1 - s0];
                for (int s = s0; s < s1; s++) {
                    double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                    wts[s - s0] = (float) (Math.max(0, overlap) / scale);
                }
                first[d] = s0;
                weights[d] = wts;
            }
        } else {
            // Pixel centres line up: destination centre d + 0.5 maps to source coordinate (d + 0.5) * src / dst.
            double scale = (double) src / dst;
            for (int d = 0; d < dst; d++) {
                double c = (d + 0.5) * scale - 0.5;
                int s0 = (int) Math.floor(c);
                float t = (float) (c - s0);
                if (s0 < 0) {
                    s0 = 0;
                    t = 0;
                }
                if (s0 >= src - 1) {
                    first[d] = src - 1;
                    weights[d] = new float[] {1f};
                } else {
                    first[d] = s0;
                    weights[d] = new float[] {1 - t, t};
                }
            }
        }
        return new Axis(first, weights);
    }
}
